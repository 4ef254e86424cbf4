#!/usr/bin/env python3
"""Generates the hostile corpus (never downloads it) into the folder given as the first argument.

Every case is a file (or, for the file-system cases, a special file) that `disclose` must
refuse or handle within bounded time and memory, with the documented exit code and a message
naming the file, without changing any input or writing outside its destination.

Writes `cases.tsv` beside the cases: name, what it is, and the expected outcome of
`disclose stamp` (`refuse:<exit code>:<words the message must contain>`, `stamp`, or `bounded`:
only the bounds, for cases where both a refusal and a stamp are sound; see make_hostile_pdf.py).
File-system cases that need privileges or special files (symlink loop, FIFO, read-only
folder, full disk) are made by the tests themselves, not here.

Usage: make_hostile.py OUT_DIR [--large]   (--large adds the 100 MB and 50 MB cases)
"""
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from docxlib import STAMP, W, XML_DECL, para, package, write  # noqa: E402
import make_hostile_docx  # noqa: E402
sys.path.insert(0, HERE)
import make_hostile_odf  # noqa: E402
import make_hostile_pdf  # noqa: E402

CASES = []


def case(name, what, expect):
    CASES.append((name, what, expect))


def rels():
    return make_hostile_docx.relsxml()


def content_types():
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>')


def doc_xml(body):
    return XML_DECL + f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def docx_with(path, document_bytes, extra=(), stored=False):
    parts = [("[Content_Types].xml", content_types()), ("_rels/.rels", rels()), ("word/document.xml", document_bytes)]
    parts += list(extra)
    write(path, parts, stored={"word/document.xml"} if stored else ())


def docx_cases(out, large):
    # The DOCX cases of the foundation issue, reused (same generator, same expectations).
    make_hostile_docx.main(out)
    for name, words in [
        ("encrypted.docx", "encrypted or password-protected"),
        ("old-word-97.docx", "Word 97"),
        ("truncated.docx", "not a readable zip package"),
        ("not-a-zip.docx", "not a zip package"),
        ("empty.docx", "not a zip package"),
        ("no-content-types.docx", "[Content_Types].xml"),
        ("zip-bomb.docx", "zip bombs"),
        ("too-many-entries.docx", "entries"),
        ("billion-laughs.docx", "document type (DTD)"),
        ("external-entity.docx", "document type (DTD)"),
        ("deep-nesting.docx", "nested more than"),
        ("malformed-xml.docx", "not usable XML"),
        ("strict-ooxml.docx", "Strict Open XML"),
        ("duplicate-names.docx", "two entries named"),
        ("missing-main-part.docx", "missing"),
    ]:
        case(name, "docx: " + name[:-5].replace("-", " "), f"refuse:3:{words}")
    p = lambda n: os.path.join(out, n)

    # Entry names that climb out of the package or are absolute: never extracted, so either
    # refused or copied raw; the package's own parts must still be the ones read.
    docx_with(p("entry-dotdot.docx"), doc_xml(para("Climbing entry names.")),
              extra=[("../../outside.txt", "x"), ("/etc/absolute.txt", "y")])
    case("entry-dotdot.docx", "docx: entry names with ../ and an absolute path", "refuse:3:entry name")

    # A wrong central directory: the local header says one name, the central directory another,
    # and the central directory offset points past the end.
    valid = p("valid.docx")
    data = bytearray(open(valid, "rb").read())
    eocd = data.rfind(b"PK\x05\x06")
    bad = data[:]
    struct.pack_into("<I", bad, eocd + 16, len(data) + 1000)
    open(p("wrong-central-directory.docx"), "wb").write(bytes(bad))
    case("wrong-central-directory.docx", "docx: central directory offset past the end", "refuse:3:zip")

    # A zip bomb nested in zips: an entry that is itself a highly compressed zip. We never
    # open nested archives, so the package is read and stamped normally.
    inner_path = p(".inner.zip")
    with zipfile.ZipFile(inner_path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("zeros", STAMP), b"\0" * (16 << 20))
    inner = open(inner_path, "rb").read()
    os.unlink(inner_path)
    docx_with(p("nested-zip-bomb.docx"), doc_xml(para("A package carrying a nested archive.")),
              extra=[("word/embeddings/bomb.zip", inner)])
    case("nested-zip-bomb.docx", "docx: a nested zip bomb as an embedded object (never opened)", "stamp")

    # Macro-enabled document: stamped like a .docx; its macros (vbaProject.bin) are copied raw, never run.
    package(p("macros.docm"), para("A macro-enabled document."), extra_parts=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 60)])
    case("macros.docm", "docm: macro-enabled Word document (macros copied raw, never run)", "stamp")

    # NUL bytes, invalid UTF-8 and UTF-16 in the main part.
    docx_with(p("nul-bytes.docx"), doc_xml(para("before")).encode().replace(b"before", b"bef\0ore"))
    case("nul-bytes.docx", "docx: NUL byte inside document.xml", "refuse:3:XML")
    docx_with(p("invalid-utf8.docx"), doc_xml(para("caf\u00e9")).encode().replace("é".encode(), b"\xc3\x28"))
    case("invalid-utf8.docx", "docx: invalid UTF-8 in document.xml", "refuse:3:XML")
    utf16 = doc_xml(para("text")).replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le")
    utf16 = b"\xff\xfe" + utf16[:40] + b"\x00\xd8\x41\x00" + utf16[40:]  # an unpaired high surrogate
    docx_with(p("invalid-utf16.docx"), utf16)
    case("invalid-utf16.docx", "docx: UTF-16 document.xml with an unpaired surrogate", "refuse:3:XML")

    if large:
        big = "a" * (50 << 20)
        docx_with(p("huge-attribute.docx"), doc_xml(f'<w:p w:rsidR="{big}"><w:r><w:t>x</w:t></w:r></w:p>'), stored=True)
        case("huge-attribute.docx", "docx: a 50 MB attribute value", "refuse:3:over the safety limit")


def markdown_cases(out, large):
    p = lambda n: os.path.join(out, n)
    open(p("invalid-utf8.md"), "wb").write(b"# Title\n\nBad byte: \xff here.\n")
    case("invalid-utf8.md", "markdown: invalid UTF-8", "refuse:3:not valid UTF-8")
    open(p("invalid-utf16.md"), "wb").write(b"\xff\xfe" + "# Title\n".encode("utf-16-le") + b"\x00\xd8" + b"a\x00\n\x00")
    case("invalid-utf16.md", "markdown: UTF-16 with an unpaired surrogate", "refuse:3:not valid UTF-16")
    open(p("odd-length-utf16.md"), "wb").write(b"\xff\xfe" + "# Title\n".encode("utf-16-le") + b"x")
    case("odd-length-utf16.md", "markdown: UTF-16 with an odd number of bytes", "refuse:3:not valid UTF-16")
    open(p("nul-bytes.md"), "wb").write(b"# Title\n\nA NUL \x00 byte.\n")
    case("nul-bytes.md", "markdown: a NUL byte", "refuse:3:NUL")
    open(p("deep-blockquote.md"), "wb").write(b">" * 100_000 + b" deep\n")
    case("deep-blockquote.md", "markdown: 100,000 nested blockquotes", "stamp")
    open(p("deep-list.md"), "wb").write(b"".join(b"  " * i + b"- item\n" for i in range(2_000)))
    case("deep-list.md", "markdown: 2,000 nested list items", "stamp")
    if large:
        with open(p("one-line-100mb.md"), "wb") as f:
            chunk = b"word " * (1 << 18)
            for _ in range(80):
                f.write(chunk)
        case("one-line-100mb.md", "markdown: one 100 MB line (over the 32 MiB text limit)", "refuse:3:far larger than any real document")


def html_cases(out, large):
    p = lambda n: os.path.join(out, n)
    open(p("unclosed-100k.html"), "wb").write(b"<!doctype html><html><body>" + b"<div>" * 100_000 + b"text")
    case("unclosed-100k.html", "html: 100,000 unclosed tags", "refuse:3:unclosed")
    open(p("deep-nesting.html"), "wb").write(b"<!doctype html><html><body>" + b"<span>" * 50_000 + b"x" + b"</span>" * 50_000 + b"</body></html>")
    case("deep-nesting.html", "html: 50,000-deep nesting", "refuse:3:nested more than")
    open(p("invalid-utf8.html"), "wb").write(b'<!doctype html><html><head><meta charset="utf-8"></head><body><p>bad \xff byte</p></body></html>')
    # Browsers read such a page; Disclose reads it as windows-1252 and says so in a warning.
    case("invalid-utf8.html", "html: invalid UTF-8 under a utf-8 declaration (read as windows-1252, with a warning)", "stamp")
    open(p("invalid-utf16.html"), "wb").write(b"\xff\xfe" + "<!doctype html><p>x".encode("utf-16-le") + b"\x00\xdc" + "</p>".encode("utf-16-le"))
    case("invalid-utf16.html", "html: UTF-16 with an unpaired surrogate", "refuse:3:not valid")
    open(p("nul-bytes.html"), "wb").write(b"<!doctype html><html><body><p>a \x00 NUL</p></body></html>")
    case("nul-bytes.html", "html: a NUL byte", "refuse:3:NUL")
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
              + ']>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><p>&lol9;</p></body></html>')
    open(p("billion-laughs.xhtml"), "w").write(laughs)
    case("billion-laughs.xhtml", "xhtml: entity expansion (never expanded: HTML parsing)", "stamp")
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y SYSTEM "http://127.0.0.1:9/x">]>\n'
           '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><p>&x;&y;</p></body></html>')
    open(p("external-entity.xhtml"), "w").write(xxe)
    case("external-entity.xhtml", "xhtml: external entities to a local file and a URL (never fetched)", "stamp")
    if large:
        with open(p("huge-attribute.html"), "wb") as f:
            f.write(b'<!doctype html><html><body><p title="')
            chunk = b"a" * (1 << 20)
            for _ in range(50):
                f.write(chunk)
            f.write(b'">x</p></body></html>')
        case("huge-attribute.html", "html: a 50 MB attribute value (over the 32 MiB text limit)", "refuse:3:far larger than any real document")
        with open(p("huge-attribute-20mb.html"), "wb") as f:
            f.write(b'<!doctype html><html><body><p title="')
            f.write(b"a" * (20 << 20))
            f.write(b'">x</p></body></html>')
        case("huge-attribute-20mb.html", "html: a 20 MB attribute value (under the limit: read and stamped)", "stamp")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    large = "--large" in sys.argv[2:]
    os.makedirs(out, exist_ok=True)
    docx_cases(out, large)
    markdown_cases(out, large)
    html_cases(out, large)
    make_hostile_odf.cases(out, case)
    make_hostile_pdf.cases(out, case)
    with open(os.path.join(out, "cases.tsv"), "w") as f:
        for row in CASES:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
