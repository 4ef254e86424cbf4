"""PDF cases for the hostile corpus (called by make_hostile.py): files whose structure attacks the
reader (loops, self-reference, lies about lengths and offsets, a decompression bomb, deep nesting)
and files carrying things that must never be acted on (JavaScript, a launch action, an embedded
file whose name climbs out of the folder). Each must end within the bounds with exit code <= 4
and leave the input unchanged.

Expectations (the third column of cases.tsv):
  refuse:3:<words>  stamp and verify refuse with exit 3 and a message containing <words>
  stamp             stamped; the stamped copy verifies
  bounded           only the bounds: exit <= 4, the input unchanged, a refusal names the file,
                    a success verifies (for cases where refusing and reading are both sound)
"""
import os
import re
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from pdflib import PDF, stream, text_content  # noqa: E402

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
LINES = ["A hostile PDF for the Disclose tests.", "Its text is ordinary; its structure is not."]


def simple(catalog_extra=b"", page_extra=b"", content=None, version="1.4"):
    """(pdf, catalog, page): one page of text, ready for changes before write()."""
    pdf = PDF(version)
    catalog, tree = pdf.reserve(), pdf.reserve()
    font = pdf.add(FONT)
    c = pdf.add(content if content is not None else stream(b"", text_content(LINES)))
    page = pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R%s >>"
                   % (tree, font, c, page_extra))
    pdf.set(tree, b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % page)
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R%s >>" % (tree, catalog_extra))
    return pdf, catalog, page


def bomb(mib):
    """A zlib stream inflating to `mib` MiB of spaces from about 1 KB per MiB, built from one
    repeated full-flush deflate block (fast to make), with the right Adler-32 at the end."""
    block = b" " * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(mib):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + one * mib + c.flush() + adler.to_bytes(4, "big")


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def cases(out, case):
    p = lambda name: os.path.join(out, name)

    # The page tree's second node lists itself among its kids.
    pdf = PDF()
    catalog, tree, inner = pdf.reserve(), pdf.reserve(), pdf.reserve()
    font = pdf.add(FONT)
    c = pdf.add(stream(b"", text_content(LINES)))
    page = pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (inner, font, c))
    pdf.set(tree, b"<< /Type /Pages /Kids [%d 0 R] /Count 2 >>" % inner)
    pdf.set(inner, b"<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R %d 0 R %d 0 R] /Count 2 >>" % (tree, page, inner, tree))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
    write(p("page-tree-loop.pdf"), pdf.write(catalog, id_seed="page-tree-loop"))
    case("page-tree-loop.pdf", "pdf: a page tree node that is its own kid (a reference loop)", "refuse:3:qpdf cannot read")

    # An object stream whose cross-reference entry says it lives inside itself, and /Extends itself.
    pdf, catalog, page = simple(version="1.5")
    data = pdf.write(catalog, id_seed="objstm-self", xref_stream=True, object_streams=True)
    # write() put the non-catalog objects into the last object (the object stream); make its own
    # entry type 2 (compressed, in itself) and add /Extends to itself.
    objstm = len(pdf.objects)
    data = data.replace(b"/Type /ObjStm", b"/Type /ObjStm /Extends %d 0 R" % objstm, 1)
    # Rewrite the xref stream's row for the object stream: type 2, stream objstm, index 0.
    m = re.search(rb"(\d+) 0 obj\n<< /Filter /FlateDecode /Type /XRef /W \[1 4 2\] (.*?) /Length (\d+) >>\nstream\n", data, re.S)
    rows = bytearray(zlib.decompress(data[m.end():m.end() + int(m.group(3))]))
    rows[objstm * 7:objstm * 7 + 7] = bytes([2]) + objstm.to_bytes(4, "big") + b"\x00\x00"
    packed = zlib.compress(bytes(rows), 9)
    head = data[:m.start()] + b"%s 0 obj\n<< /Filter /FlateDecode /Type /XRef /W [1 4 2] %s /Length %d >>\nstream\n" % (m.group(1), m.group(2), len(packed))
    # The /Extends insertion shifted nothing before the object stream's start, but the xref
    # stream moved: recompute startxref.
    data = head + packed + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % m.start()
    write(p("objstm-self.pdf"), data)
    case("objstm-self.pdf", "pdf: an object stream that contains and extends itself", "bounded")

    # A content stream that declares 1 GB but holds a few bytes.
    body = text_content(LINES)
    pdf, catalog, page = simple(content=b"<< /Length 1073741824 >>\nstream\n" + body + b"\nendstream")
    write(p("declared-1gb-stream.pdf"), pdf.write(catalog, id_seed="declared-1gb"))
    case("declared-1gb-stream.pdf", "pdf: a content stream whose /Length says 1 GB", "bounded")

    # A FlateDecode content stream inflating to 1 GiB of spaces from about 1 MB.
    zipped = bomb(1024)
    pdf, catalog, page = simple(content=b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(zipped) + zipped + b"\nendstream")
    write(p("flate-bomb.pdf"), pdf.write(catalog, id_seed="flate-bomb"))
    case("flate-bomb.pdf", "pdf: a FlateDecode content stream inflating to 1 GiB (decompression bomb)", "bounded")

    # 100,000 nested arrays in the page dictionary, 100,000 nested dictionaries in the catalog.
    depth = 100_000
    arrays = b"[" * depth + b"1" + b"]" * depth
    dicts = b"<< /A " * depth + b"1" + b" >>" * depth
    pdf, catalog, page = simple(catalog_extra=b" /Deep " + dicts, page_extra=b" /Deep " + arrays)
    write(p("deep-nesting.pdf"), pdf.write(catalog, id_seed="deep-nesting"))
    case("deep-nesting.pdf", "pdf: 100,000 nested arrays and dictionaries", "refuse:3:qpdf cannot read")

    # The same depth inside a content stream (an operand of TJ), which Disclose's own content
    # interpreter parses, and in a form XObject that draws itself.
    body = b"BT /F1 12 Tf 72 720 Td " + b"[" * depth + b"(deep)" + b"]" * depth + b" TJ ET\n"
    pdf, catalog, page = simple(content=stream(b"", body, compress=True))
    write(p("deep-nesting-content.pdf"), pdf.write(catalog, id_seed="deep-nesting-content"))
    case("deep-nesting-content.pdf", "pdf: 100,000 nested arrays in a content stream", "bounded")
    pdf, catalog, page = simple()
    form = pdf.reserve()
    pdf.set(form, stream(b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X %d 0 R >> >>" % form, b"/X Do\n"))
    content = pdf.objects[page - 1]
    pdf.set(page - 1, stream(b"", text_content(LINES) + b"/X Do\n"))
    pdf.set(page, pdf.objects[page].replace(b"/Resources << /Font", b"/Resources << /XObject << /X %d 0 R >> /Font" % form))
    write(p("form-loop.pdf"), pdf.write(catalog, id_seed="form-loop"))
    case("form-loop.pdf", "pdf: a form XObject that draws itself (a loop in the content)", "bounded")

    # A cross-reference table whose offsets and startxref point past the end of the file.
    pdf, catalog, page = simple()
    data = pdf.write(catalog, id_seed="xref-past-end")
    head, _, rest = data.partition(b"\nxref\n")
    lines = rest.split(b"\n")
    past = len(data) + 100_000
    lines = lines[:2] + [b"%010d 00000 n " % (past + i) if l.endswith(b" n ") else l for i, l in enumerate(lines[2:])]
    rest = b"\n".join(lines)
    start = rest.rindex(b"startxref\n")
    write(p("xref-past-end.pdf"), head + b"\nxref\n" + rest[:start] + b"startxref\n%d\n%%%%EOF\n" % (past + 5000))
    case("xref-past-end.pdf", "pdf: cross-reference offsets and startxref past the end of the file", "bounded")

    # JavaScript: an OpenAction and a document-level script in the Names tree. Never run.
    pdf, catalog, page = simple()
    js = pdf.add(b"<< /S /JavaScript /JS (app.launchURL\\('http://127.0.0.1:9/'\\);) >>")
    doc_js = pdf.add(b"<< /S /JavaScript /JS (this.exportDataObject\\({cName: 'x', nLaunch: 2}\\);) >>")
    pdf.set(catalog, pdf.objects[catalog][:-2] + b" /OpenAction %d 0 R /Names << /JavaScript << /Names [(init) %d 0 R] >> >> >>" % (js, doc_js))
    write(p("javascript.pdf"), pdf.write(catalog, id_seed="javascript"))
    case("javascript.pdf", "pdf: JavaScript in the OpenAction and the Names tree (never run)", "stamp")

    # A launch action on a link and as the page's open action. Never run.
    pdf, catalog, page = simple()
    launch = pdf.add(b"<< /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) /P (/c calc) >> /NewWindow true >>")
    link = pdf.add(b"<< /Type /Annot /Subtype /Link /Rect [72 700 400 720] /A %d 0 R >>" % launch)
    pdf.set(page, pdf.objects[page][:-2] + b" /Annots [%d 0 R] /AA << /O %d 0 R >> >>" % (link, launch))
    write(p("launch-action.pdf"), pdf.write(catalog, id_seed="launch-action"))
    case("launch-action.pdf", "pdf: a Launch action on a link and on opening the page (never run)", "stamp")

    # An embedded file whose names climb out of the folder. Never extracted.
    pdf, catalog, page = simple()
    payload = pdf.add(stream(b"/Type /EmbeddedFile /Subtype /text#2Fplain", b"outside\n"))
    spec = pdf.add(b"<< /Type /Filespec /F (../../x) /UF (../../x) /EF << /F %d 0 R >> >>" % payload)
    pdf.set(catalog, pdf.objects[catalog][:-2] + b" /Names << /EmbeddedFiles << /Names [(../../x) %d 0 R] >> >> >>" % spec)
    write(p("embedded-dotdot.pdf"), pdf.write(catalog, id_seed="embedded-dotdot"))
    case("embedded-dotdot.pdf", "pdf: an embedded file named ../../x (never extracted)", "stamp")

    # Not a PDF past its header, and a PDF cut in half.
    write(p("header-only.pdf"), b"%PDF-1.7\n")
    case("header-only.pdf", "pdf: a header and nothing else", "refuse:3:qpdf cannot read")
    pdf, catalog, page = simple()
    data = pdf.write(catalog, id_seed="truncated")
    write(p("truncated.pdf"), data[: len(data) // 2])
    case("truncated.pdf", "pdf: a file cut in half (no cross-reference table, no trailer)", "refuse:3:qpdf cannot read")
