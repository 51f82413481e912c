# best.awk — make bench-ab (bench/ab.sh): lines "REF HEAD" (seconds of one
# round each, "-" where that side did not run) -> the smallest of each
# column, "-" where a column has none. Lines without both fields (a blank
# line, as a here-string's last newline gives) are not rounds.
NF >= 2 && $1 != "-" && (a == "" || $1 + 0 < a + 0) { a = $1 }
NF >= 2 && $2 != "-" && (b == "" || $2 + 0 < b + 0) { b = $2 }
END { print (a == "" ? "-" : a), (b == "" ? "-" : b) }
