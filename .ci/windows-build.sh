#!/usr/bin/env bash
# Builds shiryo.exe for Windows (x86_64, GNU ABI) on Debian Linux, with packages from Debian's
# archive alone: rustup cannot add the Windows target here, so Debian's Rust (rustc-web,
# cargo-web) builds the standard library from its sources (rust-web-src, -Zbuild-std), and
# mingw-w64 links. Installs what is missing. Prints the path of the stripped .exe last.
#
# The target folder is kept outside the clone (SHIRYO_WINDOWS_TARGET, by default
# ~/.cache/shiryo/target-windows) so that later runs on this machine rebuild only what changed:
# a cold build takes about 20 minutes on two cores, a rebuild after a change 1-2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in rustc-web cargo-web rust-web-src mingw-w64; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

target_dir=${SHIRYO_WINDOWS_TARGET:-$HOME/.cache/shiryo/target-windows}
mkdir -p "$target_dir"
triple=x86_64-pc-windows-gnu

# Debian's toolchain by full path: rustup's cargo and rustc come first on PATH. build-std is
# unstable, hence RUSTC_BOOTSTRAP. No debug information and symbols stripped: the .exe staff
# get (a panic still names its file and line, which do not need debug information).
RUSTC_BOOTSTRAP=1 \
  RUSTC=/usr/bin/rustc \
  RUSTDOC=/usr/bin/rustdoc \
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
  CARGO_PROFILE_RELEASE_DEBUG=false \
  CARGO_PROFILE_RELEASE_STRIP=symbols \
  /usr/bin/cargo build --release --locked --bin shiryo \
  --target "$triple" -Zbuild-std=std,panic_unwind \
  --target-dir "$target_dir" >&2

echo "$target_dir/$triple/release/shiryo.exe"
