#!/usr/bin/env bash
# PDF pages per second: `ciw parse` and `ciw import` of the sample reports as PDFs (CIW's layout,
# typeset by `examples/typeset_reports.rs`, and groff's, `tests/fixtures/pdf/`) against
# `pdftotext` on the same files, on one core, in one hyperfine run.
#
#   bash benches/pdf_vs_pdftotext.sh [DIR]
#
# Needs hyperfine and pdftotext (poppler-utils). `ciw import` writes a fresh library each run
# (its durable writes, fsync, are part of its time); `ciw parse` reads and parses without one.
# Compare the means of one run only: on a busy machine wall times swing, and the user times
# hyperfine prints are the steadier figures.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/pdf-vs-pdftotext}
cargo build --release --bin ciw --example typeset_reports
ciw=$PWD/target/release/ciw
rm -rf "$dir" && mkdir -p "$dir/pdf"
target/release/examples/typeset_reports "$dir/pdf" >/dev/null
cp tests/fixtures/pdf/*-groff.pdf "$dir/pdf/"
pages=0
for f in "$dir"/pdf/*.pdf; do
    pages=$((pages + $(pdftotext "$f" - | tr -cd '\f' | wc -c)))
done
echo "$(ls "$dir"/pdf/*.pdf | wc -l) PDFs, $pages pages"
files=$(ls "$dir"/pdf/*.pdf | tr '\n' ' ')
taskset -c 0 hyperfine -N --warmup 3 --runs "${RUNS:-20}" \
    --prepare "rm -rf $dir/lib" \
    -n "ciw import" -n "ciw parse" -n "pdftotext" -n "pdftotext -layout" \
    "$ciw import --library $dir/lib $dir/pdf" \
    "sh -c 'for f in $files; do $ciw parse \$f >/dev/null; done'" \
    "sh -c 'for f in $files; do pdftotext \$f /dev/null; done'" \
    "sh -c 'for f in $files; do pdftotext -layout \$f /dev/null; done'"
