"""Writes two corpus files the way a new user would make them from Debian's licence texts.

    /usr/bin/python3 make-office-files.py OUT_DIR

- apache-2.0.pdf: /usr/share/common-licenses/Apache-2.0 laid out with reportlab's platypus (one Paragraph per
  paragraph of the file, the default stylesheet, no document properties set), so reportlab's own defaults and
  line breaking are what the loader sees;
- gpl-3.docx: /usr/share/common-licenses/GPL-3 written with python-docx's default template (one paragraph per
  paragraph of the file; centred lines stay lines of their own), its core properties left as the template has them.

Needs Debian's python3-reportlab and python3-docx (apt-get install python3-reportlab python3-docx). Output is
deterministic (reportlab's invariant mode; python-docx writes the template's fixed properties).
"""
import os
import sys
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

LICENSES = "/usr/share/common-licenses"


def paragraphs(text):
    """Blank-line separated blocks; a block of centred lines (title lines) gives one paragraph per line."""
    for block in text.split("\n\n"):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        if all(len(l) - len(l.lstrip()) >= 8 for l in lines):
            for l in lines:
                yield l.strip(), True
        else:
            yield " ".join(" ".join(lines).split()), False


def make_pdf(out):
    with open(os.path.join(LICENSES, "Apache-2.0"), encoding="utf-8") as f:
        text = f.read()
    style = getSampleStyleSheet()["Normal"]
    doc = SimpleDocTemplate(os.path.join(out, "apache-2.0.pdf"), pagesize=letter, invariant=1)
    doc.build([Paragraph(escape(p), style) for p, _ in paragraphs(text)])


def make_docx(out):
    with open(os.path.join(LICENSES, "GPL-3"), encoding="utf-8") as f:
        text = f.read()
    d = docx.Document()
    for p, centred in paragraphs(text):
        para = d.add_paragraph(p)
        if centred:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.save(os.path.join(out, "gpl-3.docx"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make-office-files.py OUT_DIR")
    make_pdf(sys.argv[1])
    make_docx(sys.argv[1])
