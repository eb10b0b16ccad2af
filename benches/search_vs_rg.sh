#!/usr/bin/env bash
# `ciw search` from a library of 1,000 generated reports against `rg -i` over the same text (the
# report files, and the same paragraphs one a line), side by side in one hyperfine run.
#
#   bash benches/search_vs_rg.sh [DIR] [QUERY]
#
# Needs hyperfine and rg. Compare the means of one run only: on a busy machine wall times swing,
# and the user and system times hyperfine prints are the steadier figures.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/search-vs-rg}
query=${2:-placement stability}
cargo build --release --bin ciw --example gen_reports
ciw=$PWD/target/release/ciw
if [ ! -f "$dir/lib/search.bin" ]; then
    rm -rf "$dir"
    target/release/examples/gen_reports "$dir" 1000
    CIW_LIBRARY="$dir/lib" "$ciw" import "$dir/reports" >/dev/null
fi
# Stored index fresh for this binary (built now if not).
CIW_LIBRARY="$dir/lib" "$ciw" search "$query" >/dev/null
hyperfine -N --warmup 5 --runs "${RUNS:-50}" \
    "env CIW_LIBRARY=$dir/lib $ciw search '$query'" \
    "rg -i '$query' $dir/reports" \
    "rg -i '$query' $dir/paragraphs.txt"
