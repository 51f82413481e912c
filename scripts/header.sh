# header.sh — read a results file's provenance header (`# FIELD: value`
# lines, written by sl_results). Sourced by scripts/figures.sh,
# scripts/reproduce.sh and paper/make_paper.sh.
#
#   header FILE FIELD          the value of the first `# FIELD: ` line
#   recorded_overrides FILE    its --set overrides, one per line (none: no line)

header() { sed -n "s/^# $2: //p" "$1" | head -1; }

# the header holds them shell-quoted, as sl_driver printed them
recorded_overrides() {
  local o
  o=$(header "$1" overrides)
  [ "$o" = none ] || [ -z "$o" ] && return 0
  eval "local a=($o)"
  printf '%s\n' "${a[@]}"
}
