#!/usr/bin/env python3
"""Writes a class's submissions for Scripts/bench-class-register: COUNT essays (default 1,000), a
third each DOCX named the Google Classroom way ("Amelia Khan - History essay.docx"), DOCX
named the Moodle way ("Amelia Khan_12345_assignsubmission_file_essay.docx"), and Markdown in
a folder per pupil ("Amelia Khan/essay.md"); by index modulo 5: 0-1 end with a written
declaration of AI use, 2 with one of no AI use, 3-4 say nothing. Also writes ARCHIVE, the
same files as one plain zip (as a class download is). Deterministic.

Usage: make_register_corpus.py FOLDER ARCHIVE [COUNT]
"""
import os
import random
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from docxlib import para, package  # noqa: E402

FORENAMES = "Amelia Olivia Noah Oliver Isla George Ava Leo Mia Arthur Zara Yusuf Priya Ethan Chloe Hamza Lily Jack Grace Omar".split()
SURNAMES = "Khan Smith Jones Patel Williams Brown Taylor Davies Evans Wilson Ahmed Price Wood Lee Ortiz Hughes Green Clarke Ali Shah".split()
WORDS = ("the war alliances militarism empire nationalism treaty europe assassination archduke crisis "
         "mobilisation germany britain france russia austria serbia navy colonies tension").split()
USED = ["AI declaration: I used ChatGPT to check my spelling and grammar.",
        "I used Grammarly to fix my grammar and punctuation.",
        "I used Gemini to help me plan my essay."]
NONE = "No AI was used in this essay."


def essay(rng, index):
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "." for _ in range(8)]
    kind = index % 5
    if kind in (0, 1):
        paragraphs.append(USED[index % len(USED)])
    elif kind == 2:
        paragraphs.append(NONE)
    return paragraphs


def main():
    folder, archive = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    rng = random.Random(12)
    os.makedirs(folder, exist_ok=True)
    written = []
    for i in range(count):
        name = f"{FORENAMES[i % 20]} {SURNAMES[(i // 20) % 20]}"
        if i >= 400:
            name += f" {chr(65 + i // 400)}"  # keeps names distinct past 400 pupils
        text = essay(rng, i)
        if i % 3 == 0:
            rel = f"{name} - History essay.docx"
        elif i % 3 == 1:
            rel = f"{name}_{10000 + i}_assignsubmission_file_essay.docx"
        else:
            rel = f"{name}/essay.md"
        path = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if rel.endswith(".docx"):
            package(path, "".join(para(p) for p in text))
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write("# History essay\n\n" + "\n\n".join(text) + "\n")
        written.append(rel)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for rel in sorted(written):
            info = zipfile.ZipInfo(rel, (2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(folder, rel), "rb") as f:
                z.writestr(info, f.read())


if __name__ == "__main__":
    main()
