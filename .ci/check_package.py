#!/usr/bin/env python3
"""Checks a release archive's listing: one top folder holding the program, the three fonts and
their licence, the templates, the sample councils (and no other), the staff guide, and nothing
from target/, output/, .git or a build. Then unpacks it and, given a program that runs here,
has it check and build the sample as a clerk's first double-click would: no error, no warning.

    check_package.py ARCHIVE PROGRAM|- SAMPLE...
"""

import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def names(archive: Path) -> list[str]:
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as z:
            bad = z.testzip()
            if bad:
                sys.exit(f"{archive}: {bad} is damaged")
            return z.namelist()
    with tarfile.open(archive) as t:
        return [m.name for m in t.getmembers() if m.isfile()]


def main() -> None:
    archive, program, samples = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
    listed = names(archive)
    tops = {n.split("/", 1)[0] for n in listed}
    if len(tops) != 1:
        sys.exit(f"{archive}: more than one top folder: {sorted(tops)}")
    top = tops.pop()
    inside = {n.split("/", 1)[1] for n in listed}
    windows = archive.suffix == ".zip"
    exe = "shiryo.exe" if windows else "shiryo"
    must = {exe, "はじめにお読みください.txt", "fonts/OFL.txt",
            *(f"content/{s}/council.yaml" for s in samples)}
    must |= {f"fonts/{p.name}" for p in (REPO / "fonts").glob("*.ttf")}
    must |= {f"templates/{p.name}" for p in (REPO / "templates").glob("*.j2")}
    if windows:
        must.add("新しい協議会を作る.bat")
    missing = sorted(must - inside)
    if missing:
        sys.exit(f"{archive}: missing {missing}")
    allowed = ("fonts/", "templates/", "schema/", *(f"content/{s}/" for s in samples))
    stray = sorted(n for n in inside if n not in must and not n.startswith(allowed))
    if stray:
        sys.exit(f"{archive}: files that do not belong: {stray[:10]}")
    for n in inside:
        parts = n.split("/")
        if any(p in ("target", "output", ".git", "dist") or p.startswith(".shiryo") for p in parts):
            sys.exit(f"{archive}: {n} does not belong in a release")
    print(f"{archive.name}: {len(inside)} files in {top}/, listing as expected")
    if program != "-":
        built(archive, Path(program).resolve(), top)


def built(archive: Path, program: Path, top: str) -> None:
    """The unpacked folder checks clean and builds every document, PDF and page."""
    with tempfile.TemporaryDirectory() as tmp:
        if archive.suffix == ".zip":
            with zipfile.ZipFile(archive) as z:
                z.extractall(tmp)
        else:
            with tarfile.open(archive) as t:
                t.extractall(tmp, filter="data")
        root = Path(tmp) / top
        for args in (["check", "--deny-warnings", "--html"], ["build", "--html"]):
            run = subprocess.run([str(program), *args, "--root", str(root)],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"{archive.name}: shiryo {' '.join(args)} failed:\n{run.stdout}{run.stderr}")
        pdfs = sorted((root / "output").rglob("*.pdf"))
        pages = sorted((root / "output").rglob("*.html"))
        if not pdfs or len(pdfs) != len(pages):
            sys.exit(f"{archive.name}: built {len(pdfs)} PDFs and {len(pages)} pages")
        print(f"{archive.name}: the sample checks clean and builds {len(pdfs)} PDFs and pages")


if __name__ == "__main__":
    main()
