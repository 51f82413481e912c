#!/usr/bin/env bash
# md2tex.sh — Markdown (GitHub's, as the report and the handouts are written
# and read on GitHub) as a LaTeX fragment for paper/speclab.tex, by pandoc
# (Debian package, installed when missing) and the filter paper/speclab.lua
# (sections, figures, tables, code). Usage: md2tex.sh FILE|- [ID_PREFIX]
# (ID_PREFIX keeps the section labels of the files put together unique).
# Before pandoc reads the text: the markers of generated values
# (<!--v SPEC-->VALUE<!--/v-->, scripts/report.sh) leave their value (a
# line starting with one would be an HTML block to Markdown, and lost);
# underscores are escaped outside code spans (they are literal in this
# project's prose: w_ji, λ_i, ‖·‖_F; emphasis is written *x*).
set -euo pipefail
here=$(dirname "$0")
command -v pandoc >/dev/null || SL_EXTRA_PKGS=pandoc "$here/../scripts/deps.sh" ||
  { echo "md2tex: pandoc is needed to convert the Markdown (Debian package pandoc)" >&2; exit 1; }
perl -0777 -pe 's{<!--v [^>]*-->|<!--/v-->}{}g; s{(`+)(.*?)\1|_}{defined $1 ? $& : "\\_"}gse' -- "${1:--}" |
  SPECLAB_ID_PREFIX=${2:-} pandoc -f gfm+smart -t latex --wrap=preserve --lua-filter="$here/speclab.lua"
