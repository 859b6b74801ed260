"""Writes server/answer/selector/fixtures/encoded-pairs.json: token ids of a few (question, sentence, title,
previous, next) pairs as training built them (train_selector.Encoder), which encode-pair.test.ts compares with the
TypeScript encoder. Run after a change to either side:  python scripts/train/encoder_fixture.py"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from transformers import AutoTokenizer  # noqa: E402
from train_selector import Encoder, INPUT_FORMAT, fetch_weights  # noqa: E402

PAIRS = [
    ("When did Soleimani travel to Moscow?", "He departed for Moscow in July 2015, two months before the air campaign.",
     "Russia and Iran converge in the Middle East as Soleimani stands at the nexus of resistance axis",
     "Qassem Soleimani, the commander of the IRGC's Quds Force, was under a UN travel ban.",
     "There he met Defense Minister Sergei Shoigu and President Vladimir Putin."),
    ("Who wrote the analysis?", "Emil Avdaliani is a professor.", "", "", ""),
    ("Who wrote the analysis?", "Emil Avdaliani is a professor.", "", "", "He teaches in Tbilisi."),
    ("What is the café's naïve «name»?", "Ünïcödé text — with dashes, 3,000 troops and Shi'ite militias.", "Title only", "", ""),
    ("Long question " + "word " * 60, "Long sentence " + "token " * 90, "A title " + "x " * 30, "Previous " + "y " * 60,
     "Next " + "z " * 60),
    ("Short?", "A sentence.", "Title", "Before.", "Next " + "z " * 60),
]

folder = fetch_weights(".cache/train")
enc = Encoder(AutoTokenizer.from_pretrained(folder))
out = {"input": INPUT_FORMAT, "pairs": []}
for q, s, t, p, n in PAIRS:
    ids, types = enc.encode(q, s, t, p, n)
    out["pairs"].append({"question": q, "sentence": s, "title": t, "previous": p, "next": n, "ids": ids, "types": types})
path = "server/answer/selector/fixtures/encoded-pairs.json"
with open(path, "w") as f:
    json.dump(out, f, ensure_ascii=False)
print(f"wrote {path}")
