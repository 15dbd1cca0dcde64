#!/usr/bin/env python3
"""The text of a shiryo web page, as a reader meets it: the body's text in document order, a
line break after each block (headings, paragraphs, list items, table cells), nothing from
<head>, <style> or <script>. Standard library only.

Usage: html_text.py PAGE.html > page.txt   (then: fidelity.py REFERENCE.txt page.txt)
"""
import sys
from html.parser import HTMLParser

BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
SKIP = {"head", "script", "style", "template"}


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCKS:
            self.out.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.out.append(alt)

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            # Source newlines are whitespace, as in a browser.
            self.out.append(" ".join(data.split("\n")))


def text_of(html):
    p = Text()
    p.feed(html)
    p.close()
    lines = (" ".join(l.split()) for l in "".join(p.out).split("\n"))
    return "\n".join(l for l in lines if l) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(text_of(f.read()))
