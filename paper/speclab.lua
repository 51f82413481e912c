-- speclab.lua — pandoc filter for paper/md2tex.sh: the report's and the
-- handouts' Markdown as fragments of paper/speclab.tex.
--  * '## ' is a \section, '### ' a \subsection; a '# ' title line is dropped
--    (the document has its own title; each file is one section); labels
--    get the prefix $SPECLAB_ID_PREFIX (unique over the files put together).
--  * An image alone in its paragraph, ![](../results/KEY.png), is the
--    figure \speclabfigure{KEY} (defined by make_paper.sh's generated
--    figures file: the vector PDF, its provenance and its verdicts);
--    ![](../../results/labs/ID.png) is the lab figure's vector PDF beside it.
--  * Inline code may break after . _ / - , = (long claim ids, paths).
--  * A table too wide for the line gets paragraph columns sized by their
--    text (the longest cell, capped), in a smaller font.

local prefix = os.getenv('SPECLAB_ID_PREFIX') or ''
local function Header(h)
  if h.level == 1 then return {} end
  h.level = h.level - 1
  if h.identifier ~= '' then h.identifier = prefix .. h.identifier end
  return h
end

local function figure(img)
  local src = img.src
  local id = src:match('^%.%./results/([a-z0-9_]+)%.png$') or src:match('^%.%./%.%./results/([a-z0-9_]+)%.png$')
  if id then return pandoc.RawBlock('latex', '\\speclabfigure{' .. id .. '}') end
  id = src:match('^%.%./%.%./results/labs/([a-z0-9_]+)%.png$')
  if id then
    return pandoc.RawBlock('latex', '\\begin{center}\\includegraphics[width=\\linewidth,height=0.4\\textheight,'
      .. 'keepaspectratio]{results/labs/' .. id .. '.pdf}\\end{center}')
  end
end

local function Para(p)
  if #p.content == 1 and p.content[1].t == 'Image' then return figure(p.content[1]) end
end

local esc = { ['\\'] = '\\textbackslash{}', ['{'] = '\\{', ['}'] = '\\}', ['$'] = '\\$', ['&'] = '\\&',
              ['#'] = '\\#', ['%'] = '\\%', ['_'] = '\\_', ['~'] = '\\textasciitilde{}',
              ['^'] = '\\textasciicircum{}' }
local function Code(c)
  local s = c.text:gsub('[\\{}$&#%%_~^]', esc)
  s = s:gsub('([%./,=])', '%1\\allowbreak{}'):gsub('(%w%-)', '%1\\allowbreak{}'):gsub('(\\_)', '%1\\allowbreak{}')
  return pandoc.RawInline('latex', '\\texttt{' .. s .. '}')
end

local function len(cell) return utf8.len(pandoc.utils.stringify(cell.contents)) or 0 end

local function Table(t)
  local n = #t.colspecs
  local longest = {}
  for j = 1, n do longest[j] = 1 end
  local function scan(rows)
    for _, row in ipairs(rows) do
      for j, cell in ipairs(row.cells) do
        if j <= n then longest[j] = math.max(longest[j], len(cell)) end
      end
    end
  end
  scan(t.head.rows)
  for _, body in ipairs(t.bodies) do scan(body.body) end
  local total = 0
  for j = 1, n do total = total + longest[j] end
  -- a line of \small text holds about 95 characters (and 3 per column of space)
  if total + 3 * n <= 95 then
    return { pandoc.RawBlock('latex', '\\begingroup\\small'), t, pandoc.RawBlock('latex', '\\endgroup') }
  end
  local cap, sum = 45, 0
  for j = 1, n do longest[j] = math.min(longest[j], cap) + 2; sum = sum + longest[j] end
  for j = 1, n do t.colspecs[j] = { t.colspecs[j][1], longest[j] / sum } end
  local size = n >= 6 and '\\scriptsize' or '\\footnotesize'
  return { pandoc.RawBlock('latex', '\\begingroup' .. size), t, pandoc.RawBlock('latex', '\\endgroup') }
end

-- tables are sized first (from their text, code included), then code is typeset
return { { Header = Header, Para = Para, Table = Table }, { Code = Code } }
