#!/usr/bin/env python3
"""Writes the PDF benchmark files into the folder given (deterministic: a fixed seed, no clock):

  text.pdf    200 pages of text, about 5 MB: uncompressed content streams placing each word with
              its own Td, as many producers do, WinAnsi Helvetica, a classic cross-reference table
  images.pdf  20 pages, each with one line of text and a 1200 x 700 RGB picture of noise
              (incompressible, as photos are) in a FlateDecode stream: about 50 MB

Usage: make_bench_pdf.py OUT_DIR
"""
import os
import random
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from pdflib import PDF, stream, winansi  # noqa: E402

WORDS = ("the river survey team counted birds plants fish along banks water quality upstream mill outfall insects trout "
         "council should repair before summer plant willows eroded bank near footbridge repeat next april same forty "
         "places counts compared report results measure attendance figures term table notes section").split()


def text_page(rng, page):
    out = [b"BT /F1 8 Tf"]
    y = 760
    out.append(b"1 0 0 1 56 %d Tm" % y)
    out.append(winansi(f"Page {page}: survey results") + b" Tj")
    for line in range(72):
        x = 0
        out.append(b"1 0 0 1 56 %d Tm" % (740 - line * 10))
        for _ in range(16):
            word = rng.choice(WORDS)
            out.append(b"%d 0 Td " % x + winansi(word) + b" Tj")
            x = 5 * len(word) + 3
    out.append(b"ET")
    return b"\n".join(out) + b"\n"


def write_text(path):
    rng = random.Random(15)
    pdf = PDF("1.4")
    catalog, tree = pdf.reserve(), pdf.reserve()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages = []
    for n in range(1, 201):
        c = pdf.add(stream(b"", text_page(rng, n)))
        pages.append(pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (tree, font, c)))
    pdf.set(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in pages), len(pages)))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
    info = pdf.add(b"<< /Title (Benchmark text) /Producer (Disclose bench writer) >>")
    with open(path, "wb") as f:
        f.write(pdf.write(catalog, info, id_seed="bench-text"))


def write_images(path):
    rng = random.Random(16)
    w, h = 1200, 700
    pdf = PDF("1.4")
    catalog, tree = pdf.reserve(), pdf.reserve()
    font = pdf.add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages = []
    for n in range(1, 21):
        pixels = zlib.compress(rng.randbytes(w * h * 3), 1)
        image = pdf.add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 "
                        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(pixels)) + pixels + b"\nendstream")
        content = b"q 480 280 0 0 56 400 cm /Im1 Do Q\nBT /F1 12 Tf 56 760 Td " + winansi(f"Figure {n}: a photograph of the river bank") + b" Tj ET\n"
        c = pdf.add(stream(b"", content))
        pages.append(pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
                             % (tree, font, image, c)))
    pdf.set(tree, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % p for p in pages), len(pages)))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
    info = pdf.add(b"<< /Title (Benchmark images) /Producer (Disclose bench writer) >>")
    with open(path, "wb") as f:
        f.write(pdf.write(catalog, info, id_seed="bench-images"))


def main(out):
    os.makedirs(out, exist_ok=True)
    write_text(os.path.join(out, "text.pdf"))
    write_images(os.path.join(out, "images.pdf"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
