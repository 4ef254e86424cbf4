#!/usr/bin/env python3
"""Writes the PPTX benchmark deck into the folder given: deck.pptx, 100 slides, each with a title,
three bullet points, a table and a 60 KB picture (incompressible, as photos are). Deterministic."""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "fixtures"))
from make_pptx import deck, slide, sp, table  # noqa: E402

PNG = "image/png"


def picture(shape_id, rel):
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="Picture {shape_id}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            '<p:spPr><a:xfrm><a:off x="5000000" y="1600000"/><a:ext cx="3000000" cy="2000000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = random.Random(14)
    slides, images = [], []
    for n in range(1, 101):
        xml = slide(sp(2, "Title 1", [f"Section {n}: results and next steps"], ph=' type="title"')
                    + sp(3, "Content Placeholder 2", [f"Point {k} of slide {n}: the figures for this term are in the table." for k in range(1, 4)], ph=' idx="1"')
                    + table(4, [["Measure", "Value"], [f"Attendance {n}", f"{90 + n % 10}%"]]) + picture(5, "rIdP"))
        slides.append({"xml": xml, "rels": [("rIdP", "image", f"../media/image{n}.png")], "notes": [f"Speaker notes for slide {n}."]})
        images.append((f"ppt/media/image{n}.png", bytes(rng.getrandbits(8) for _ in range(60_000))))
    deck(os.path.join(os.path.abspath(out), "deck.pptx"), slides, extra_parts=images, extra_defaults=[("png", PNG)],
         stored={name for name, _ in images})


if __name__ == "__main__":
    main(sys.argv[1])
