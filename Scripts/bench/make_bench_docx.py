#!/usr/bin/env python3
"""Writes the benchmark documents into the folder given: small (~40 KB), medium
(~1 MB file, ~4 MB document.xml) and large (~20 MB document.xml plus a 5 MB stored image)."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from docxlib import para, package  # noqa: E402

WORDS = ("the university research students library campus report funding staff teaching learning "
         "policy review committee annual budget science centre community partnership").split()


def body(target_bytes, seed):
    rng = random.Random(seed)
    out, size, n = [], 0, 0
    while size < target_bytes:
        n += 1
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40))).capitalize() + f". ({n})"
        p = para(text, style="Heading1" if n % 25 == 1 else None)
        out.append(p)
        size += len(p)
    return "".join(out)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    package(os.path.join(folder, "small.docx"), body(150_000, 1))
    package(os.path.join(folder, "medium.docx"), body(4_000_000, 2))
    rng = random.Random(3)
    image = bytes(rng.getrandbits(8) for _ in range(5 << 20))
    package(os.path.join(folder, "large.docx"), body(20_000_000, 4), extra_parts=[("word/media/image1.png", image)],
            stored={"word/media/image1.png"}, defaults=[("png", "image/png")])


if __name__ == "__main__":
    main(sys.argv[1])
