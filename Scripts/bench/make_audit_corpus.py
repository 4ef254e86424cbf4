#!/usr/bin/env python3
"""Writes a mixed folder of small documents for Scripts/bench-audit.

Usage: make_audit_corpus.py FOLDER [COUNT] [STAMP_LIST]

COUNT documents (default 5,000) in 50 sub-folders, a third each DOCX, Markdown and HTML.
By index modulo 10: 0-1 are listed in STAMP_LIST for `disclose stamp`; 2-5 carry planted
residue (an assistant opener, an "as an AI language model" line, a utm_source=chatgpt.com
link, an HTML generator meta tag naming ChatGPT); 6 carries a declaration made another way
(HTML ai-disclosure meta tag, or the written statement "No AI tools were used in this work.");
7-9 are plain. Deterministic: the same arguments always write the same bytes.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from docxlib import para, package  # noqa: E402

WORDS = ("the university research students library campus report funding staff teaching learning "
         "policy review committee annual budget science centre community partnership").split()
OPENER = "Certainly! Here is a summary of the report:"
AI_MODEL = "As an AI language model, I cannot browse the internet."
UTM = "https://example.org/page?utm_source=chatgpt.com"
WRITTEN = "No AI tools were used in this work."


def paragraphs(rng, n):
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 30))).capitalize() + "." for _ in range(n)]


def html_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_markdown(path, paras, extra, link):
    body = [f"# Report {os.path.basename(path)}", ""]
    for p in paras:
        body += [p, ""]
    if extra:
        body += [extra, ""]
    if link:
        body += [f"See [the source]({link}).", ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(body))


def write_html(path, paras, extra, link, meta):
    head = '<meta charset="utf-8">' + meta + f"<title>Report {os.path.basename(path)}</title>"
    body = "".join(f"<p>{html_escape(p)}</p>\n" for p in paras)
    if extra:
        body += f"<p>{html_escape(extra)}</p>\n"
    if link:
        body += f'<p>See <a href="{html_escape(link)}">the source</a>.</p>\n'
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>{head}</head>\n<body>\n<main>\n<h1>Report</h1>\n{body}</main>\n</body>\n</html>\n")


def write_docx(path, paras, extra, link):
    texts = list(paras) + ([extra] if extra else []) + ([f"See the source: {link}"] if link else [])
    package(path, "".join(para(t) for t in texts))


def main(folder, count, stamp_list):
    os.makedirs(folder, exist_ok=True)
    to_stamp = []
    for i in range(count):
        rng = random.Random(i)
        sub = os.path.join(folder, f"team-{i % 50:02d}")
        os.makedirs(sub, exist_ok=True)
        kind = ("docx", "md", "html")[i % 3]
        path = os.path.join(sub, f"doc-{i:05d}.{kind}")
        case = i % 10
        extra = {2: OPENER, 3: AI_MODEL}.get(case)
        link = UTM if case == 4 else None
        meta = ""
        if kind == "html" and case == 5:
            meta = '<meta name="generator" content="ChatGPT">'
        if case == 6:
            if kind == "html":
                meta = '<meta name="ai-disclosure" content="ai-assisted">'
            else:
                extra = WRITTEN
        paras = paragraphs(rng, rng.randint(3, 12))
        if kind == "md":
            write_markdown(path, paras, extra, link)
        elif kind == "html":
            write_html(path, paras, extra, link, meta)
        else:
            write_docx(path, paras, extra, link)
        if case in (0, 1):
            to_stamp.append(path)
    if stamp_list:
        with open(stamp_list, "w") as f:
            f.write("\n".join(to_stamp) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000, sys.argv[3] if len(sys.argv) > 3 else None)
