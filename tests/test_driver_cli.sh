#!/usr/bin/env bash
# Drivers that explain themselves: --help on every driver, --set overrides
# (same validation and messages as the file, recorded in the header), the
# provenance hashes (the figure graph: tests/test_figures.sh).
# Prints PASS/FAIL lines (counted by tests/run.sh).
. "$(dirname "$0")/lib.sh"
# run a command; the first stderr line must be exactly $2 and the exit status non-zero
expect_msg() { # name, exact message, command...
  local name=$1 msg=$2; shift 2
  local out rc
  out=$("$@" 2>&1 >/dev/null); rc=$?
  if [ $rc -ne 0 ] && [ "$(head -1 <<<"$out")" = "$msg" ]; then pass "$name"; else fail "$name" "rc=$rc, got: $out; want: $msg"; fi
}

# ---- --help on every driver and every figure's config: exit 0, every key of the config listed, each with a doc line
for src in experiments/*/*.c; do
  k=${src#experiments/}; k=${k%.c}; k=${k/\//_}
  if [ -r "${src%.c}.yaml" ]; then
    "$B/bin/$k" --help >/dev/null 2>"$T/err" && pass "$k --help (its own config by default) exits 0" \
      || fail "$k --help exits 0" "$(cat "$T/err")"
  fi
done
for cfg in experiments/*/*.yaml; do
  k=$("$B/bin/check" --driver "$cfg")
  out=$("$B/bin/$k" --help "$cfg" 2>"$T/err"); rc=$?
  if [ $rc -ne 0 ]; then fail "$k --help $cfg exits 0" "rc=$rc $(cat "$T/err")"; continue; fi
  # every key path of the config (list indices as '*'), from an independent YAML reader
  keys=$(python3 -c '
import sys, yaml
def walk(v, p):
    if isinstance(v, dict):
        for k, x in v.items(): yield from walk(x, p + [str(k)])
    else:
        yield ".".join(p)
    if isinstance(v, list) and v and isinstance(v[0], list): yield ".".join(p + ["*"])
for k in walk(yaml.safe_load(open(sys.argv[1])), []): print(k)' "$cfg" | sort -u)
  listed=$(awk '/^config keys/ {on = 1; next} /^example/ {on = 0} on && /^  [^ ]/ {print $1}' <<<"$out" | sort -u)
  missing=$(comm -23 <(echo "$keys") <(echo "$listed") | tr '\n' ' ')
  if [ -z "$missing" ] && ! grep -q UNDOCUMENTED <<<"$out" && grep -q "^example" <<<"$out" \
     && grep -q "build/bin/$k $cfg" <<<"$out"; then
    pass "$k --help $cfg: every config key ($(wc -w <<<"$keys")) listed with type and doc line, an example"
  else fail "$k --help $cfg lists every key" "missing: $missing; $(grep UNDOCUMENTED -B2 <<<"$out" | head -3)"; fi
done
# a config shared by figures names its binary; another binary refuses it before any work
expect_msg "a config of another driver is refused" \
  "msd_table1: config error: experiments/msd/fig5.yaml is a config of driver msd_sweep, not msd_table1 (run build/bin/msd_sweep experiments/msd/fig5.yaml)" \
  "$B/bin/msd_table1" experiments/msd/fig5.yaml
out=$("$B/bin/msd_table1" --help)
grep -A2 '^  train.epochs ' <<<"$out" | tr '\n' ' ' | tr -s ' ' | grep -q "integer \[0, 100000\] default: 20; here: 20 passes over the training set" \
  && pass "--help shows type, range, default, value and doc of train.epochs" \
  || fail "--help train.epochs block" "$(grep -A2 '^  train.epochs ' <<<"$out")"

# a key read without a doc line makes --help fail (exit 3), so `make test` catches it
cat > "$T/undoc.c" <<'C'
#include "core/sl_driver.h"
int main(int argc, char **argv)
{
    sl_driver d;
    sl_status st = sl_driver_begin(&d, argc, argv, "undoc");
    long x = 1;
    if (st == SL_OK) st = sl_config_int(d.cfg, "mystery", 0, 9, &x);
    if (st == SL_OK) st = sl_driver_config_done(&d);
    return sl_driver_end(&d, st);
}
C
printf 'seed: 1\noutput: x.dat\nmystery: 3\n' > "$T/undoc.yaml"
san=; nm "$B/libspeclab.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"
if cc $san -std=c11 -D_GNU_SOURCE -Isrc -I/usr/include/x86_64-linux-gnu/openblas-pthread "$T/undoc.c" -o "$T/undoc" \
     "$B/libspeclab.a" -lgsl -llapacke -lopenblas -lyaml -lz -lm -fopenmp -pthread 2>"$T/cc.log"; then
  out=$("$T/undoc" --help "$T/undoc.yaml" 2>&1); rc=$?
  [ $rc -eq 3 ] && grep -q "mystery .*UNDOCUMENTED" <<<"$(tr -s ' \n' ' ' <<<"$out")" \
    && pass "an undocumented key fails --help (exit 3) and is named" || fail "undocumented key" "rc=$rc $out"
else fail "undocumented key test compiles" "$(head -3 "$T/cc.log")"; fi

# ---- --set: same data as editing the file, recorded in the header
sed "s|^output:.*|output: $T/file.dat|; s/^matrices: 10/matrices: 3/; s/^size: 64/size: 16/" experiments/erg/fig2.yaml > "$T/edited.yaml"
"$B/bin/erg_scatter" experiments/erg/fig2.yaml --set matrices=3 --set size=16 --output "$T/set.dat" 2>/dev/null
"$B/bin/erg_scatter" "$T/edited.yaml" 2>/dev/null
if [ -s "$T/set.dat" ] && diff <(grep -v '^#' "$T/set.dat") <(grep -v '^#' "$T/file.dat") >/dev/null \
   && [ "$(grep -vc '^#' "$T/set.dat")" -lt "$(grep -vc '^#' results/erg_fig2.dat)" ]; then
  pass "--set matrices=3 size=16: the same data lines as the edited config, fewer than the default"
else fail "--set equals editing the file" "$(diff <(grep -v '^#' "$T/set.dat") <(grep -v '^#' "$T/file.dat") | head -3)"; fi
grep -qx '# overrides: matrices=3 size=16' "$T/set.dat" && grep -qx '# overrides: none' "$T/file.dat" \
  && pass "the overrides are recorded in the header ('none' without --set)" || fail "overrides in header" "$(grep overrides "$T"/*.dat)"
# reproducible from the header alone: rerun with the recorded config and overrides
cfg=$("$B/bin/check" --field "$T/set.dat" config); cfg=${cfg%% *}
args=(); while IFS= read -r -d '' o; do args+=(--set "$o"); done < <("$B/bin/check" --overrides "$T/set.dat")
"$B/bin/erg_scatter" "$cfg" "${args[@]}" --output "$T/again.dat" 2>/dev/null
diff <(grep -v '^#' "$T/set.dat") <(grep -v '^#' "$T/again.dat") >/dev/null \
  && pass "a run is reproduced from its header's config and overrides" || fail "rerun from header" "differs"
"$B/bin/msd_fig2" experiments/msd/fig2.yaml --set 'dims=[5, 3, 2]' --set 'lambda=[-0.5, 0.5]' --output "$T/f2.dat" 2>/dev/null
grep -qx "# overrides: 'dims=\[5, 3, 2\]' 'lambda=\[-0.5, 0.5\]'" "$T/f2.dat" && grep -q 'index: Phi_1 (10 x 10)' "$T/f2.dat" \
  && pass "--set takes flow sequences (dims=[5, 3, 2]); shell-quoted in the header" || fail "--set flow sequence" "$(grep -E 'overrides|Phi_1' "$T/f2.dat")"
"$B/bin/erg_scatter" experiments/erg/fig2.yaml --set matrices=3 --set matrices=2 --output "$T/twice.dat" 2>/dev/null
[ "$(grep -c '^ev haar CUE' "$T/twice.dat")" = 128 ] && pass "the last --set of a key wins" || fail "repeated --set" "$(grep -c '^ev haar CUE' "$T/twice.dat")"

# provenance: the sources line holds the hash make figures compares (the build's, per binary)
src_line="# sources: binary erg_scatter sha256=$(cat "$B/gen/src/erg_scatter.sha")"
grep -qxF "$src_line" "$T/set.dat" && pass "header records the SHA-256 over the sources compiled into the binary (as the build computed it)" \
  || fail "sources line" "$(grep '^# sources' "$T/set.dat") vs $src_line"

# ---- bad overrides: non-zero exit, the same message as the same mistake in the file
D="$B/bin/erg_scatter"
bad() { # name, key, value, file line (yaml) whose error must match after the location
  local name=$1 kv=$2 yaml=$3
  sed "s|^output:.*|output: $T/bad.dat|" experiments/erg/fig2.yaml | grep -v "^${kv%%=*}:" > "$T/bad.yaml"
  printf '%s\n' "$yaml" >> "$T/bad.yaml"
  local fmsg smsg
  fmsg=$("$D" "$T/bad.yaml" 2>&1 >/dev/null | head -1 | sed -E "s|^erg_scatter: ([a-z/ ]+): $T/bad.yaml:[0-9]+:[0-9]+: |\1: |")
  expect_msg "$name: --set names itself, same message as the file" \
    "erg_scatter: ${fmsg%%: *}: --set $kv: ${fmsg#*: }" "$D" experiments/erg/fig2.yaml --set "$kv"
}
bad "unknown key" "matrixes=3" "matrixes: 3"
bad "wrong type" "matrices=many" "matrices: many"
bad "out of range" "matrices=0" "matrices: 0"
bad "not a number" "size=1.5" "size: 1.5"
bad "unknown choice" "ensembles=[GUE]" "ensembles: [GUE]"
bad "list where a value is expected" "size=[1, 2]" "size: [1, 2]"
expect_msg "exact message for a wrong type" \
  "erg_scatter: config error: --set matrices=many: key 'matrices': expected an integer, got 'many'" \
  "$D" experiments/erg/fig2.yaml --set matrices=many
expect_msg "malformed value" \
  "erg_scatter: format error: --set size=[1,: malformed YAML value: did not find expected node content while parsing a flow node" \
  "$D" experiments/erg/fig2.yaml --set 'size=[1,'
expect_msg "no '='" "erg_scatter: invalid argument: --set size: expected KEY=VALUE (e.g. --set train.epochs=2)" \
  "$D" experiments/erg/fig2.yaml --set size
expect_msg "--set without argument" "erg_scatter: invalid argument: --set needs KEY=VALUE (e.g. --set train.epochs=2)" \
  "$D" experiments/erg/fig2.yaml --set
expect_msg "a key below a scalar" \
  "erg_scatter: config error: --set size.x=1: key 'size.x': 'x' is a scalar at experiments/erg/fig2.yaml:6:7, expected a mapping" \
  "$D" experiments/erg/fig2.yaml --set size.x=1
expect_msg "a nested unknown key" "erg_scatter: config error: --set histogram.bins=3: unknown key 'histogram'" \
  "$D" experiments/erg/fig2.yaml --set histogram.bins=3
expect_msg "unknown option" "erg_scatter: invalid argument: unknown option '--sett' (see erg_scatter --help)" \
  "$D" experiments/erg/fig2.yaml --sett size=3
[ ! -e "$T/bad.dat" ] && pass "no results written by a rejected run" || fail "rejected run wrote results" "$T/bad.dat"

# ---- the README gallery shows every figure (every config), with its make target (generated from the folders)
targets=$(make -pRrq : 2>/dev/null | sed -n 's/^\([a-z0-9][a-z0-9-]*\):.*/\1/p' | sort -u)
for c in experiments/*/*.yaml; do
  k=${c#experiments/}; k=${k%.yaml}; k=${k/\//_}
  grep -qE "^\| !\[\]\(results/$k\.png\) \| .+ \| \`make $(tr _ - <<<"$k")\` \|$" README.md || { fail "README gallery has $k" "no gallery row"; continue; }
  grep -qx "$(tr _ - <<<"$k")" <<<"$targets" && pass "README gallery: $k with its target" || fail "gallery target of $k" "no Makefile target"
done
