-- speclab.lua — pandoc filter for paper/md2tex.sh: the report's and the
-- handouts' Markdown as fragments of paper/speclab.tex.
--  * '## ' is a \section, '### ' a \subsection; a '# ' title line is dropped
--    (the document has its own title; each file is one section); labels
--    get the prefix $SPECLAB_ID_PREFIX (unique over the files put together).
--  * An image on a line of its own, ![](../results/KEY.png), is the
--    figure \speclabfigure{KEY} (defined by make_paper.sh's generated
--    figures file: the vector PDF, its provenance and its verdicts);
--    ![](../../results/labs/ID.png) is the lab figure's vector PDF beside it.
--  * Inline code may break after . _ / - , = (long claim ids, paths), at a
--    cost (\codebreak, paper/speclab.tex): a space is the better break.
--  * A table is set in the largest of \small, \footnotesize, \scriptsize
--    that holds its natural columns; one too wide even so gets paragraph
--    columns sized by their text (each its longest word, the rest shared by
--    need).

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

-- a paragraph of such images only (one a line) is those figures
local function Para(p)
  local out = {}
  for _, x in ipairs(p.content) do
    if x.t == 'Image' then
      local f = figure(x)
      if not f then return nil end
      out[#out + 1] = f
    elseif x.t ~= 'SoftBreak' and x.t ~= 'LineBreak' and x.t ~= 'Space' then return nil end
  end
  if #out > 0 then return out end
end

local esc = { ['\\'] = '\\textbackslash{}', ['{'] = '\\{', ['}'] = '\\}', ['$'] = '\\$', ['&'] = '\\&',
              ['#'] = '\\#', ['%'] = '\\%', ['_'] = '\\_', ['~'] = '\\textasciitilde{}',
              ['^'] = '\\textasciicircum{}' }
local function Code(c)
  local s = c.text:gsub('[\\{}$&#%%_~^]', esc)
  s = s:gsub('([%./,=])', '%1\\codebreak{}'):gsub('(%w%-)', '%1\\codebreak{}'):gsub('(\\_)', '%1\\codebreak{}')
  return pandoc.RawInline('latex', '\\texttt{' .. s .. '}')
end

-- a cell's length and its longest unbreakable piece, in widths of an
-- average letter (a code character is wider; code breaks after . _ / - , =,
-- as Code below lets it; other text at spaces only)
local function measure(cell)
  local len, word = 0, 0
  local function add(text, wide, breaks)   -- a digit is wider than a letter on average
    len = len + wide * utf8.len(text)
    for w in text:gmatch(breaks) do
      word = math.max(word, wide * (utf8.len(w) + 0.2 * select(2, w:gsub('%d', ''))))
    end
  end
  pandoc.walk_block(pandoc.Div(cell.contents), {
    Str = function(x) add(x.text, 1, '%S+'); len = len + 1 end,
    Code = function(x) add(x.text, 1.3, '[^%s%./_,=%-]+[%./_,=%-]?'); len = len + 1 end,
  })
  return len, word + 1.5
end

-- average letters a line holds at each size (Times, 16.4 cm), beside the
-- columns' separation
local fit = { small = 95, footnotesize = 110, scriptsize = 125 }

local function Table(t)
  local n = #t.colspecs
  local natural, word = {}, {}
  for j = 1, n do natural[j], word[j] = 1, 1 end
  local function scan(rows)
    for _, row in ipairs(rows) do
      for j, cell in ipairs(row.cells) do
        if j <= n then
          local l, w = measure(cell)
          natural[j], word[j] = math.max(natural[j], l), math.max(word[j], w)
        end
      end
    end
  end
  scan(t.head.rows)
  for _, body in ipairs(t.bodies) do scan(body.body) end
  local total = 0
  for j = 1, n do total = total + natural[j] + 2 end
  local function sized(size)
    return { pandoc.RawBlock('latex', '\\begingroup\\' .. size), t, pandoc.RawBlock('latex', '\\endgroup') }
  end
  -- natural columns, in the largest of the three sizes that holds them
  for _, size in ipairs({ 'small', 'footnotesize', 'scriptsize' }) do
    if total <= fit[size] then return sized(size) end
  end
  -- paragraph columns filling the line: each at least its longest word, the
  -- rest shared in proportion to what its cells need beyond that (a cell
  -- longer than 50 letters wraps anyway: need counted up to 50)
  local size = n >= 6 and 'scriptsize' or 'footnotesize'
  local avail, need, rigid, extra = fit[size], 0, 0, {}
  for j = 1, n do
    extra[j] = math.max(math.min(natural[j], 50) - word[j], 0)
    rigid, need = rigid + word[j], need + extra[j]
  end
  local share = need > 0 and math.min(1, math.max(avail - rigid, 0) / need) or 0
  local w, sum = {}, 0
  for j = 1, n do w[j] = word[j] + share * extra[j]; sum = sum + w[j] end
  for j = 1, n do t.colspecs[j] = { t.colspecs[j][1], w[j] / sum } end
  return sized(size)
end

-- tables are sized first (from their text, code included), then code is typeset
return { { Header = Header, Para = Para, Table = Table }, { Code = Code } }
