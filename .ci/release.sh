#!/usr/bin/env bash
# Makes the two release folders in dist/: shiryo-<version>-windows.zip (the .exe cross-built
# by .ci/windows-build.sh) and shiryo-<version>-linux.tar.gz (the release build, stripped),
# and checks what each holds; the Linux program checks and builds the unpacked sample.
# Usage: .ci/release.sh [sample council folders under content/ …]
set -euo pipefail
cd "$(dirname "$0")/.."
samples=("$@")
[ $# -gt 0 ] || samples=(kitamidai-shuro kitamidai-soudan)
exe=$(.ci/windows-build.sh | tail -n 1)
cargo build --release --locked --bin shiryo
mkdir -p target/release-linux
strip -o target/release-linux/shiryo target/release/shiryo
python3 .ci/package.py windows "$exe" dist "${samples[@]}" | tee target/release-windows.txt
python3 .ci/package.py linux target/release-linux/shiryo dist "${samples[@]}" | tee target/release-linux.txt
# The zip's .exe runs under Wine in .ci/windows-check.sh; here the same folder is built by the
# Linux program, which makes the same bytes.
python3 .ci/check_package.py "$(head -n 1 target/release-windows.txt)" target/release-linux/shiryo "${samples[@]}"
python3 .ci/check_package.py "$(head -n 1 target/release-linux.txt)" target/release-linux/shiryo "${samples[@]}"
