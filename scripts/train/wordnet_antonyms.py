"""Antonym pairs from WordNet 3.0 database files (Debian's `wordnet-base`: /usr/share/wordnet/data.*).

Only the lexical antonym pointers ("!") are read: large/small, increase/decrease, first/last, accept/reject.
Used by perturb.py to turn an answerable question into an unanswerable one that looks like it
("Which is the largest …" → "Which is the smallest …"), the "antonym" kind of SQuAD 2.0's crowd-written questions.
"""
from __future__ import annotations

import os
from collections import defaultdict

WORDNET_DIR = os.environ.get("WORDNET_DIR", "/usr/share/wordnet")


def load_antonyms(root: str = WORDNET_DIR) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    # adjectives, adverbs and verbs: a noun's antonym rarely makes a fluent question ("characteristics")
    files = {"adj": "a", "adv": "r", "verb": "v"}
    # synset offsets and their words, per part of speech, so that a pointer's target word can be looked up
    synsets: dict[tuple[str, str], list[str]] = {}
    pointers: list[tuple[str, int, str, str, int]] = []
    for name in files:
        path = os.path.join(root, f"data.{name}")
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path} is missing: apt-get install wordnet-base (or set WORDNET_DIR)")
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # licence header
                fields = line.split(" | ")[0].split()
                offset, pos = fields[0], fields[2]
                pos = "a" if pos == "s" else pos
                n_words = int(fields[3], 16)
                words = [fields[4 + 2 * i].lower() for i in range(n_words)]
                words = [w.split("(")[0] for w in words]  # adjective markers: "big(a)"
                synsets[(offset, pos)] = words
                k = 4 + 2 * n_words
                n_ptr = int(fields[k])
                for p in range(n_ptr):
                    sym, target, tpos, st = fields[k + 1 + 4 * p: k + 5 + 4 * p]
                    if sym != "!":
                        continue
                    src, dst = int(st[:2], 16), int(st[2:], 16)
                    tpos = "a" if tpos == "s" else tpos
                    pointers.append((words[src - 1], dst, target, tpos, 0))
    for word, dst, target, tpos, _ in pointers:
        words = synsets.get((target, tpos))
        if words and 0 < dst <= len(words):
            a = words[dst - 1]
            if "_" not in word and "_" not in a:
                out[word].add(a)
    return dict(out)


def load_synonyms(root: str = WORDNET_DIR) -> dict[str, list[str]]:
    """word → the other one-word lemmas of its most frequent sense: the first synset (WordNet's index orders senses
    by frequency) of the part of speech in which the word is tagged most often in WordNet's sense-tagged corpus
    ("chief" → head; "discover" → find, detect…)."""
    best: dict[str, tuple[int, list[str]]] = {}
    for name in ("noun", "verb", "adj", "adv"):
        words_of: dict[str, list[str]] = {}
        with open(os.path.join(root, f"data.{name}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split(" | ")[0].split()
                n_words = int(fields[3], 16)
                words_of[fields[0]] = [fields[4 + 2 * i].lower().split("(")[0] for i in range(n_words)]
        with open(os.path.join(root, f"index.{name}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma = fields[0]
                if "_" in lemma:
                    continue
                p_cnt = int(fields[3])
                tagged = int(fields[4 + p_cnt + 1])
                offsets = fields[4 + p_cnt + 2:]
                if not offsets or (lemma in best and best[lemma][0] >= tagged):
                    continue
                syns = [w for w in words_of.get(offsets[0], []) if w != lemma and "_" not in w and "-" not in w]
                best[lemma] = (tagged, syns)
    return {w: syns for w, (_, syns) in best.items() if syns}
