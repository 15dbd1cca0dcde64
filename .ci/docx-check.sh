#!/usr/bin/env bash
# The Word files (build --docx) as another program reads them: LibreOffice (headless) converts
# each output/**/*.docx to PDF without error, with a page count within one page of shiryo's own
# PDF; the texts of the report (000) and the minutes (004) against the references.
# LibreOffice lays the files out with the project's BIZ UD fonts (fonts/), as Word on Windows
# 10 and later would with its own.
# Usage: .ci/docx-check.sh OUTPUT_DIR [SHARED_DIR]   (after `shiryo build --docx`)
set -euo pipefail
output=${1:?output folder}
shared=${2:-../shared}
fonts=$(cd "$(dirname "$0")/../fonts" && pwd)
if ! command -v soffice >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi
converted=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$converted" "$profile"' EXIT
cat > "$profile/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>$fonts</dir><cachedir>$profile/fc-cache</cachedir></fontconfig>
EOF
export FONTCONFIG_FILE="$profile/fonts.conf"
fails=0
while IFS= read -r -d '' docx; do
  rel=${docx#"$output"/}
  dir="$converted/$(dirname "$rel")"
  mkdir -p "$dir"
  if ! timeout 120 soffice "-env:UserInstallation=file://$profile/lo" --headless --convert-to pdf \
      --outdir "$dir" "$docx" >"$dir/log.txt" 2>&1 || [ ! -s "$dir/$(basename "${docx%.docx}").pdf" ]; then
    echo "$rel: LibreOffice could not convert it"; cat "$dir/log.txt"; fails=$((fails + 1)); continue
  fi
  word_pdf="$dir/$(basename "${docx%.docx}").pdf"
  word_pages=$(pdfinfo "$word_pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  own_pages=$(pdfinfo "${docx%.docx}.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  diff=$((word_pages - own_pages))
  echo "$rel: converted, $word_pages pages (shiryo's PDF: $own_pages)"
  # A packet's PDF holds its materials; its Word file is the 次第 and the list of them.
  source="$output/../content/$(dirname "$rel")/documents/$(basename "${rel%.docx}").yaml"
  if [ -f "$source" ] && grep -q '^type: *packet' "$source"; then
    continue
  fi
  if [ "${diff#-}" -gt 1 ]; then
    echo "$rel: $word_pages pages in Word, $own_pages in the PDF"; fails=$((fails + 1))
  fi
done < <(find "$output" -name '*.docx' -print0 | sort -z)
if [ -f "$shared/tools/fidelity.py" ]; then
  for pair in "000_40e7557e7ae567dc.txt niiza-chiiki-ikou/r6-hyoka" "004_f6a3e726814e625e.txt koganei-seishin/r6-1-kaigiroku"; do
    set -- $pair
    line=$(python3 "$shared/tools/fidelity.py" "$shared/reference/$1" "$converted/$2.pdf" | tail -n 1)
    echo "$1 (Word $2): $line"
    python3 - "$line" <<'PY' || fails=$((fails + 1))
import re, sys
v = dict(re.findall(r"(\w+)=([0-9.]+)", sys.argv[1]))
sys.exit(0 if float(v["recall"]) >= 0.95 and float(v["ordered"]) >= 0.95 else 1)
PY
  done
fi
[ "$fails" -eq 0 ] || { echo "$fails Word file checks failed"; exit 1; }
echo "Word files: all converted"
