#!/usr/bin/env bash
# mutants.sh — mutation testing: does the test suite catch seeded bugs?
#
#   scripts/mutants.sh [tests/mutants/NAME.mut ...]    (default: all of them)
#
# A mutant (tests/mutants/NAME.mut) is a target file, an exact snippet of it
# and its replacement:
#   description: one line saying what the bug is
#   file: src/nn/sl_layer.c
#   --- original
#   <lines, exactly as in the file; must occur exactly once>
#   --- replacement
#   <lines>
# Each mutant is applied to a scratch copy of the tree (with a copy of build/,
# so only the mutated file recompiles; data/ is linked), built, and tested:
# every test program and shell test (as tests/run.sh runs them, stopping at
# the first failure) and `check paper` (every paper/*/claims.yaml) (MUTANT_TIMEOUT seconds
# per test, default 300). Killed: the build or a test fails (or times out). Survived: everything
# passes — a test is missing. Stale: the snippet is not found exactly once (the
# code moved; update the mutant). Prints the score and lists survivors and
# stale mutants; exits 1 unless every mutant is killed.
set -u
cd "$(dirname "$0")/.."
timeout_s=${MUTANT_TIMEOUT:-300}
muts=("$@")
[ ${#muts[@]} -gt 0 ] || muts=(tests/mutants/*.mut)
[ -e "${muts[0]}" ] || { echo "mutants: no tests/mutants/*.mut" >&2; exit 1; }

echo "mutants: building the unmutated tree"
make -j2 --no-print-directory all >/dev/null || { echo "mutants: the unmutated tree does not build" >&2; exit 1; }
scratch=$(mktemp -d /tmp/speclab-mutants.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
base="$scratch/base"
mkdir -p "$base"
for d in src tests experiments scripts paper tools bench plots results build Makefile; do
  [ -e "$d" ] && cp -a "$d" "$base/"
done
ln -s "$(readlink -f data)" "$base/data"
log_dir=${MUTANT_LOGS:-build-mutants}
mkdir -p "$log_dir"

killed=0; survived=(); stale=(); n=0
start=$(date +%s)
for m in "${muts[@]}"; do
  name=$(basename "$m" .mut); n=$((n + 1))
  desc=$(sed -n 's/^description: //p' "$m" | head -1)
  file=$(sed -n 's/^file: //p' "$m" | head -1)
  work="$scratch/m"
  rm -rf "$work"; cp -a "$base" "$work"
  # apply: the original must occur exactly once
  if ! perl -0777 -e '
      my ($mut, $target) = @ARGV;
      open my $fh, "<", $mut or die; my $t = <$fh>; close $fh;
      $t =~ /^--- original\n(.*?)\n--- replacement\n(.*?)\n?\z/ms or exit 2;
      my ($o, $r) = ($1, $2);
      open $fh, "<", $target or exit 3; my $s = <$fh>; close $fh;
      my $count = () = $s =~ /\Q$o\E/g;
      exit 4 if $count != 1;
      my $i = index($s, $o); substr($s, $i, length $o) = $r;
      open $fh, ">", $target or die; print $fh $s; close $fh;' "$m" "$work/$file"; then
    echo "STALE    $name: snippet not found exactly once in $file"
    stale+=("$name"); continue
  fi
  touch "$work/$file"
  t0=$(date +%s)
  if ! (cd "$work" && make -j2 --no-print-directory all) >"$log_dir/$name.log" 2>&1; then
    echo "killed   $name (build fails): $desc"; killed=$((killed + 1)); continue
  fi
  # the tests one by one, stopping at the first failure (a killed mutant costs
  # little; a survivor runs everything): C tests, shell tests, then make check
  rc=0
  for t in "$work"/build/tests/test_* "$work"/tests/test_*.sh CHECK; do
    case $t in
      *.d|*.o) continue ;;
      CHECK) (cd "$work" && timeout 60 build/bin/check paper) >>"$log_dir/$name.log" 2>&1 ;;
      *.sh) (cd "$work" && BUILD=build timeout "$timeout_s" bash "$t") >>"$log_dir/$name.log" 2>&1 \
              && ! grep -q '^FAIL' "$log_dir/$name.log" ;;
      *) [ -x "$t" ] || continue; (cd "$work" && timeout "$timeout_s" "$t") >>"$log_dir/$name.log" 2>&1 ;;
    esac
    rc=$?
    [ $rc -eq 0 ] || break
  done
  if [ $rc -ne 0 ]; then
    first=$(grep -m1 '^FAIL' "$log_dir/$name.log" | cut -c1-90)
    [ $rc -eq 124 ] && first="timed out after ${timeout_s} s"
    [ -z "$first" ] && first="check: $(grep -m1 -E 'MISMATCH|NO VALID|MATCH \(' "$log_dir/$name.log" | cut -c1-60)"
    echo "killed   $name ($(( $(date +%s) - t0 )) s; $first): $desc"; killed=$((killed + 1))
  else
    echo "SURVIVED $name: $desc"; survived+=("$name")
  fi
done
rm -rf "$scratch/m"
echo "mutation score: $killed of $n killed ($(( $(date +%s) - start )) s); logs in $log_dir/"
[ ${#survived[@]} -eq 0 ] || echo "survivors (each needs a test or a written reason): ${survived[*]}"
[ ${#stale[@]} -eq 0 ] || echo "stale (snippet moved; update tests/mutants/): ${stale[*]}"
[ ${#survived[@]} -eq 0 ] && [ ${#stale[@]} -eq 0 ]
