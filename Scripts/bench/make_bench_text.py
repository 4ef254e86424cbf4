#!/usr/bin/env python3
"""Writes the text benchmark files into the folder given: a ~10 MB Markdown file (YAML front
matter, headings, paragraphs with inline markup, lists, tables, code fences, block quotes) and a
~10 MB HTML page (head with meta tags, <main> with sections, paragraphs, lists, tables)."""
import os
import random
import sys

TARGET = 10 * 1000 * 1000
WORDS = ("the university research students library campus report funding staff teaching learning "
         "policy review committee annual budget science centre community partnership").split()


def sentence(rng, markup="md"):
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 30))]
    i = rng.randrange(len(words))
    w = words[i]
    if markup == "md":
        words[i] = rng.choice([f"**{w}**", f"*{w}*", f"`{w}`", f"[{w}](https://example.org/{i})"])
    else:
        words[i] = rng.choice([f"<strong>{w}</strong>", f"<em>{w}</em>", f"<code>{w}</code>", f"<a href=\"https://example.org/{i}\">{w}</a>"])
    return " ".join(words).capitalize() + "."


def markdown(rng):
    out = ["---\ntitle: Benchmark\ntags: [bench, text]\n---\n\n# Annual report\n\n"]
    size, n = len(out[0]), 0
    while size < TARGET:
        n += 1
        kind = n % 10
        if kind == 0:
            block = f"## Section {n}\n\n"
        elif kind == 3:
            block = "".join(f"- {sentence(rng)}\n" for _ in range(4)) + "\n"
        elif kind == 5:
            block = "| item | value |\n|---|---|\n" + "".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 9999)} |\n" for _ in range(5)) + "\n"
        elif kind == 7:
            block = "```python\n" + "".join(f"x{k} = {rng.randint(0, 99)}\n" for _ in range(5) for k in [rng.randint(0, 9)]) + "```\n\n"
        elif kind == 8:
            block = "> " + sentence(rng) + "\n\n"
        else:
            block = " ".join(sentence(rng) for _ in range(3)) + "\n\n"
        out.append(block)
        size += len(block)
    return "".join(out)


def html(rng):
    head = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Benchmark</title>\n"
            "<meta name=\"description\" content=\"A large page\">\n</head>\n<body>\n<header><h1>Annual report</h1></header>\n<main>\n")
    out, size, n = [head], len(head), 0
    while size < TARGET:
        n += 1
        kind = n % 8
        if kind == 0:
            block = f"<section id=\"s{n}\">\n<h2>Section {n}</h2>\n"
        elif kind == 1 and n > 1:
            block = "</section>\n"
        elif kind == 3:
            block = "<ul>\n" + "".join(f"<li>{sentence(rng, 'html')}</li>\n" for _ in range(4)) + "</ul>\n"
        elif kind == 5:
            block = "<table>\n<tr><th>item</th><th>value</th></tr>\n" + "".join(
                f"<tr><td>{rng.choice(WORDS)}</td><td>{rng.randint(1, 9999)}</td></tr>\n" for _ in range(5)) + "</table>\n"
        else:
            block = "<p>" + " ".join(sentence(rng, "html") for _ in range(3)) + "</p>\n"
        out.append(block)
        size += len(block)
    out.append("</section>\n</main>\n<footer><p>Example University</p></footer>\n</body>\n</html>\n")
    return "".join(out)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "large.md"), "w", encoding="utf-8", newline="") as f:
        f.write(markdown(random.Random(1)))
    with open(os.path.join(folder, "large.html"), "w", encoding="utf-8", newline="") as f:
        f.write(html(random.Random(2)))


if __name__ == "__main__":
    main(sys.argv[1])
