#!/usr/bin/env bash
# Runs shiryo.exe under Wine as staff would on Windows, in a copy of the project placed under a
# Japanese folder name, and fails on the first thing that does not work:
#   --help; check; build --html with every PDF and page byte-identical to the Linux build's;
#   watch with one edit; serve answering; a PDF held open by a viewer while building; a project
#   deep in folders with long Japanese names; the double-click start in a project and outside one.
# Usage: .ci/windows-check.sh path/to/shiryo.exe path/to/linux/shiryo
# Installs Wine and mingw-w64 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
exe=$(realpath "$1")
linux=$(realpath "$2")

missing=()
for pkg in wine64 mingw-w64 poppler-utils curl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# A Wine prefix of its own, quiet, without the .NET and HTML engines it would offer to fetch,
# and with the stand-in for ProcessPrng (.ci/wine/processprng.c): Debian's Wine 8.0 lacks it,
# Windows 10 and later have it.
export WINEPREFIX="$work/prefix" WINEDEBUG=-all LANG=C.UTF-8
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
helpers="$work/helpers"
mkdir -p "$helpers"
x86_64-w64-mingw32-gcc -O2 -shared -o "$helpers/bcryptprimitives.dll" \
  .ci/wine/processprng.c .ci/wine/processprng.def
x86_64-w64-mingw32-gcc -O2 -municode -o "$helpers/holdopen.exe" .ci/wine/holdopen.c
wine wineboot -i >/dev/null 2>&1
cp "$helpers/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

fail() {
  echo "FAILED: $*"
  exit 1
}

# The project as staff have it: the program beside content, templates and fonts, in a folder
# with a Japanese name and a space.
project="$work/障がい福祉課 資料"
mkdir -p "$project"
cp -r content templates fonts "$project/"
cp "$exe" "$project/shiryo.exe"
cd "$project"
run() { # shiryo.exe under Wine in the project; its output in $work/out.txt
  set +e
  timeout 600 wine ./shiryo.exe "$@" >"$work/out.txt" 2>&1
  local code=$?
  set -e
  return $code
}

echo "== --help"
run --help || fail "--help: exit $?"
grep -q "使い方" "$work/out.txt" || fail "--help printed no usage: $(cat "$work/out.txt")"

echo "== check"
run check || fail "check: exit $?; $(tail -5 "$work/out.txt")"
grep -q "確認しました" "$work/out.txt" || fail "check said: $(tail -3 "$work/out.txt")"
echo "   $(grep "確認しました" "$work/out.txt")"

echo "== build --html: byte-identical to the Linux build's"
run build --html || fail "build --html: exit $?; $(tail -5 "$work/out.txt")"
linux_root="$work/linux"
mkdir -p "$linux_root"
cp -r "$repo/content" "$repo/templates" "$repo/fonts" "$linux_root/"
"$linux" build --html --root "$linux_root" >/dev/null
files=0
while IFS= read -r -d '' f; do
  rel=${f#"$linux_root/output/"}
  case "$rel" in .shiryo-*) continue ;; esac
  cmp -s "$f" "$project/output/$rel" || fail "output/$rel differs from the Linux build's"
  files=$((files + 1))
done < <(find "$linux_root/output" -type f -print0)
[ "$files" -gt 20 ] || fail "only $files files built"
extra=$(cd "$project/output" && find . -type f ! -name '.shiryo-*' | wc -l)
[ "$extra" -eq "$files" ] || fail "Windows built $extra files, Linux $files"
echo "   $files files, each the same bytes"

report=niiza-chiiki-ikou/r6-hyoka
pdf="output/$report.pdf"
meetings=content/niiza-chiiki-ikou/2024/meetings.yaml
venue=$(grep -m1 -o 'venue: .*' "$meetings" | sed 's/venue: //')
[ -n "$venue" ] || fail "no venue in $meetings to edit"

echo "== watch: one edit, one rebuild"
set +e
timeout 600 wine ./shiryo.exe watch --max-rounds 2 "$report" >"$work/watch.txt" 2>&1 &
watcher=$!
set -e
for _ in $(seq 1 300); do
  grep -q "作成:" "$work/watch.txt" && break
  sleep 1
done
grep -q "作成:" "$work/watch.txt" || fail "watch built nothing: $(cat "$work/watch.txt")"
sleep 2
sed -i "0,/venue: $venue/s//venue: 第三会議室/" "$meetings"
wait "$watcher" || fail "watch: exit $?; $(cat "$work/watch.txt")"
[ "$(grep -c "作成:" "$work/watch.txt")" -eq 2 ] || fail "watch: $(cat "$work/watch.txt")"
pdftotext "$pdf" - | tr -d '\n' | grep -q "第三会議室" || fail "the rebuilt PDF lacks the edit"
echo "   $(tail -1 "$work/watch.txt")"

echo "== a PDF held open by a viewer: shiryo says so, and the PDF is left as it was"
before=$(md5sum "$pdf")
sed -i "s/第三会議室/第四会議室/" "$meetings"
coproc HOLD { wine "$helpers/holdopen.exe" "$pdf" 2>&1; }
read -r -t 60 line <&"${HOLD[0]}" || true
line=${line%$'\r'}
[ "${line:-}" = "holding" ] || fail "holdopen: ${line:-no answer}"
code=0
run build "$report" || code=$?
hold_in=${HOLD[1]}
exec {hold_in}>&-
wait "$HOLD_PID" 2>/dev/null || true
[ "$code" -eq 1 ] || fail "build with the PDF open: exit $code; $(cat "$work/out.txt")"
grep -q "ほかのアプリ" "$work/out.txt" || fail "no message about the open PDF: $(cat "$work/out.txt")"
[ "$(md5sum "$pdf")" = "$before" ] || fail "the PDF held open was changed"
echo "   $(grep -m1 "ほかのアプリ" "$work/out.txt")"
run build "$report" || fail "build after the viewer closed: exit $?; $(cat "$work/out.txt")"
pdftotext "$pdf" - | tr -d '\n' | grep -q "第四会議室" || fail "the PDF was not rebuilt once closed"

echo "== serve answers"
set +e
wine ./shiryo.exe serve --port 18961 >"$work/serve.txt" 2>&1 &
server=$!
set -e
ok=
for _ in $(seq 1 300); do
  if curl -sf http://127.0.0.1:18961/ -o "$work/index.html"; then ok=1; break; fi
  sleep 1
done
[ -n "$ok" ] || fail "serve did not answer: $(cat "$work/serve.txt")"
grep -q "r6-hyoka" "$work/index.html" || fail "serve's index lists no r6-hyoka"
curl -sf "http://127.0.0.1:18961/$report.pdf" -o "$work/served.pdf" || fail "serve: no PDF"
cmp -s "$work/served.pdf" "$pdf" || fail "serve sent another PDF than output/'s"
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
wineserver -k >/dev/null 2>&1 || true
echo "   index and PDF served"

echo "== a project deep in folders with long Japanese names"
# Up to 259 characters of path: Wine 8.0's GetFinalPathNameByHandleW (Rust's canonicalize) keeps
# a MAX_PATH buffer and fails past it with error 234, which Windows does not; so paths over 260
# characters, which Rust's std opens with the \\?\ prefix on Windows, cannot be tried here.
deep="$work/長いフォルダ名の例"
longest=$(cd "$repo" && find content templates fonts -type f | awk '{ print length }' | sort -n | tail -1)
winpath() { printf 'Z:%s' "$1" | tr '/' '\\'; }
i=1
while :; do
  next="$deep/第${i}階層の長いフォルダ名です"
  w=$(winpath "$next")
  [ $((${#w} + 1 + longest)) -lt 260 ] || break
  deep=$next
  i=$((i + 1))
done
mkdir -p "$deep"
cp -r "$repo/content" "$repo/templates" "$repo/fonts" "$deep/"
root_w=$(winpath "$deep")
set +e
timeout 600 wine "$project/shiryo.exe" build --root "$root_w" "$report" >"$work/out.txt" 2>&1
code=$?
set -e
[ "$code" -eq 0 ] || fail "deep build: exit $code; $(cat "$work/out.txt")"
[ -s "$deep/$pdf" ] || fail "deep build wrote no PDF"
echo "   built in a folder $((i - 1)) levels down, ${#root_w} characters, files up to $((${#root_w} + 1 + longest))"

echo "== double-click: outside a project it says what to do and waits for Enter"
lonely="$work/ダウンロード"
mkdir -p "$lonely"
cp "$exe" "$lonely/shiryo.exe"
set +e
(cd "$lonely" && echo | SHIRYO_DOUBLE_CLICK=1 timeout 60 wine ./shiryo.exe >"$work/out.txt" 2>&1)
code=$?
set -e
[ "$code" -eq 1 ] || fail "double-click outside a project: exit $code; $(cat "$work/out.txt")"
grep -q "すべて展開" "$work/out.txt" || fail "double-click outside a project: $(cat "$work/out.txt")"
grep -q "Enter キー" "$work/out.txt" || fail "double-click did not wait: $(cat "$work/out.txt")"

echo "== double-click in the project: serves it"
set +e
(sleep 600 | SHIRYO_DOUBLE_CLICK=1 wine ./shiryo.exe >"$work/click.txt" 2>&1) &
clicked=$!
set -e
ok=
for _ in $(seq 1 300); do
  url=$(grep -o -m1 'http://127.0.0.1:[0-9]*/' "$work/click.txt" || true)
  if [ -n "$url" ] && curl -sf "$url" -o "$work/index.html"; then ok=1; break; fi
  sleep 1
done
[ -n "$ok" ] || fail "double-click did not serve: $(cat "$work/click.txt")"
grep -q "閉じると shiryo は終わります" "$work/click.txt" || fail "double-click: $(cat "$work/click.txt")"
kill "$clicked" 2>/dev/null || true
wineserver -k >/dev/null 2>&1 || true
echo "   served at $url"

echo "== Windows checks passed"
