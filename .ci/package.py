#!/usr/bin/env python3
"""Makes the folder a clerk unzips: shiryo-<version>-windows.zip (or -linux.tar.gz).

    package.py windows|linux PROGRAM OUT_DIR [SAMPLE ...]

The archive holds one folder, shiryo-<version>/, with the program, fonts/, templates/, schema/
(editors' completion), content/ with the sample (by default the two 部会 of one fictional city's
council, which hold a joint meeting), the staff guide as a text file Notepad
opens (UTF-8 with a BOM, CRLF lines on Windows), and on Windows a batch file that starts a new
council. Nothing from target/ or output/. Prints the archive's path, its size and the program's.
"""

import io
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUIDE_SOURCE = REPO / "docs" / "staff-guide-ja.txt"
GUIDE_NAME = "はじめにお読みください.txt"
NEW_COUNCIL_BAT = "新しい協議会を作る.bat"
# Double-clicked in Explorer: cmd runs it in a console of its own; shiryo new asks its questions
# there. The file is ASCII but for the program's messages, which shiryo prints itself.
NEW_COUNCIL_SCRIPT = '@echo off\r\ncd /d "%~dp0"\r\n"%~dp0shiryo.exe" new\r\npause\r\n'


def version() -> str:
    with open(REPO / "Cargo.toml", "rb") as f:
        return tomllib.load(f)["package"]["version"]


def text_for(system: str, text: str) -> bytes:
    if system == "windows":
        return "\ufeff".encode() + text.replace("\r\n", "\n").replace("\n", "\r\n").encode()
    return text.encode()


SAMPLE = ["kitamidai-shuro", "kitamidai-soudan"]


def entries(system: str, program: Path, samples: list[str]):
    """(name inside the folder, bytes or a file path, executable?) for every file."""
    exe = "shiryo.exe" if system == "windows" else "shiryo"
    yield exe, program, True
    for folder in ["fonts", "templates", "schema"] + [f"content/{s}" for s in samples]:
        base = REPO / folder
        if not base.is_dir():
            sys.exit(f"package.py: {base} is missing")
        for path in sorted(base.rglob("*")):
            if path.is_file():
                yield path.relative_to(REPO).as_posix(), path, False
    yield GUIDE_NAME, text_for(system, GUIDE_SOURCE.read_text(encoding="utf-8")), False
    if system == "windows":
        yield NEW_COUNCIL_BAT, NEW_COUNCIL_SCRIPT.encode("ascii"), False


def data(source) -> bytes:
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    system, program, out_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    samples = sys.argv[4:] or SAMPLE
    if system not in ("windows", "linux"):
        sys.exit("package.py: the system is windows or linux")
    top = f"shiryo-{version()}"
    out_dir.mkdir(parents=True, exist_ok=True)
    files = list(entries(system, program, samples))
    if system == "windows":
        archive = out_dir / f"{top}-windows.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for name, source, _ in files:
                # Names outside ASCII are flagged UTF-8 by zipfile, which Explorer reads.
                z.writestr(zipfile.ZipInfo(f"{top}/{name}", (2026, 1, 1, 0, 0, 0)), data(source),
                           zipfile.ZIP_DEFLATED)
    else:
        archive = out_dir / f"{top}-linux.tar.gz"
        with tarfile.open(archive, "w:gz") as t:
            for name, source, executable in files:
                body = data(source)
                info = tarfile.TarInfo(f"{top}/{name}")
                info.size = len(body)
                info.mode = 0o755 if executable else 0o644
                info.mtime = 1767225600
                t.addfile(info, io.BytesIO(body))
    mb = lambda n: f"{n / 1_000_000:.1f} MB"
    print(archive)
    print(f"archive {mb(archive.stat().st_size)}, program {mb(program.stat().st_size)}")


if __name__ == "__main__":
    main()
