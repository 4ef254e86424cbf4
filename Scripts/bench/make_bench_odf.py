#!/usr/bin/env python3
"""Writes the ODT benchmark documents into the folder given: small (20 paragraphs), medium
(about 400 KB of content.xml) and large (a 4 MB content.xml with headings, lists and tables).
Deterministic."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
import make_odf  # noqa: E402

SENTENCE = "The committee reviewed the budget, the timetable and the plans for the new library wing. "


def body(target_bytes):
    parts, size, n = [], 0, 0
    while size < target_bytes:
        n += 1
        if n % 50 == 1:
            chunk = f'<text:h text:style-name="Heading_20_1" text:outline-level="1">Section {n // 50 + 1}</text:h>'
        elif n % 50 == 25:
            chunk = ('<table:table table:name="T%d"><table:table-column table:number-columns-repeated="4"/><table:table-row>' % n
                     + "".join(f"<table:table-cell><text:p>Cell {n}.{c}</text:p></table:table-cell>" for c in range(4))
                     + "</table:table-row></table:table>")
        elif n % 50 == 40:
            chunk = "<text:list>" + "".join(f"<text:list-item><text:p>Item {n}.{i}</text:p></text:list-item>" for i in range(5)) + "</text:list>"
        else:
            chunk = f"<text:p text:style-name=\"Standard\">Paragraph {n}. {SENTENCE * 3}</text:p>"
        parts.append(chunk)
        size += len(chunk)
    return "".join(parts)


def main(out):
    os.makedirs(out, exist_ok=True)
    make_odf.ROOT = out
    for name, size in [("small", 4_000), ("medium", 400_000), ("large", 4_000_000)]:
        make_odf.write(".", name + ".odt", make_odf.TEXT, [("content.xml", make_odf.text_content(body(size))),
                                                           ("styles.xml", make_odf.TEXT_STYLES), ("meta.xml", make_odf.meta())])


if __name__ == "__main__":
    main(sys.argv[1])
