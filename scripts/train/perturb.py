"""Unanswerable look-alikes of an answerable question, for training the answer selector.

SQuAD 2.0's crowd workers wrote unanswerable questions by changing an answerable one so that the paragraph no
longer answers it (Rajpurkar, Jia and Liang 2018, table 3): swapping an entity or a number (21 %), an antonym
(20 %), a negation (9 %), among others. The same edits, made by rule on the fit-split SQuAD v1.1 questions, turn
(question, the sentence that answers it) pairs into (changed question, the same sentence) pairs that must score
low: the model has to check what the sentence states, not only that it is about the same thing.

Every edit is checked against the answer sentence and its context: the new entity, number or antonym must not
occur there (otherwise the changed question might still be answered).
"""
from __future__ import annotations

import random
import re

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d[\d,\.]*")
QUESTION_WORDS = {"what", "which", "who", "whom", "whose", "when", "where", "why", "how", "in", "on", "at", "by",
                  "for", "from", "to", "during", "after", "before", "the", "a", "an", "name", "according", "along",
                  "with", "of", "as", "is", "are", "was", "were", "do", "does", "did", "can", "could"}
AUX = {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would",
       "should", "may", "might", "must"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "it", "he", "she",
               "they", "there", "some", "many", "most", "all", "any", "each", "one", "two"}
# prepositions and other function words have WordNet antonyms too (after/before, in/out): not the edit wanted
FUNCTION_WORDS = {"after", "before", "above", "below", "over", "under", "into", "from", "with", "without", "about",
                  "much", "many", "also", "then", "there", "here", "only", "even"}
CONNECTORS = {"of", "the", "de", "la", "von", "van", "and", "for", "du", "der", "al"}


def tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]


def capital_runs(text: str, skip_first: bool) -> list[tuple[str, int, int]]:
    """Runs of capitalised words ("French and Indian War", "New York"), with their character span."""
    toks = tokens(text)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        w = toks[i][0]
        if w[0].isupper() and not (i == 0 and skip_first) and w.lower() not in {"i"}:
            j = i
            while j + 1 < len(toks):
                nxt = toks[j + 1][0]
                if nxt[0].isupper():
                    j += 1
                elif nxt.lower() in CONNECTORS and j + 2 < len(toks) and toks[j + 2][0][0].isupper():
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return [(text[toks[a][1]:toks[b][2]], toks[a][1], toks[b][2]) for a, b in runs]


def numbers(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\b\d[\d,]*(?:\.\d+)?\b", text)]


class Perturber:
    def __init__(self, antonyms: dict[str, set[str]], rng: random.Random):
        self.antonyms = antonyms
        self.rng = rng

    def entity_swap(self, q: str, evidence: str, pool: list[str]) -> str | None:
        runs = [r for r in capital_runs(q, skip_first=True) if r[0] in evidence and r[0].lower() not in QUESTION_WORDS]
        if not runs or not pool:
            return None
        name, a, b = self.rng.choice(runs)
        n = len(name.split())
        ev = evidence.lower()
        options = [p for p in pool if p != name and len(p) >= 3 and p.lower() not in ev and p.lower() not in q.lower()
                   and abs(len(p.split()) - n) <= 1 and not set(p.lower().split()) & set(name.lower().split())]
        if not options:
            return None
        return q[:a] + self.rng.choice(options) + q[b:]

    def number_swap(self, q: str, evidence: str, pool: list[str]) -> str | None:
        found = [x for x in numbers(q) if x[0] in evidence]
        if not found:
            return None
        num, a, b = self.rng.choice(found)
        if re.fullmatch(r"1\d{3}|20\d{2}", num):
            new = str(int(num) + self.rng.choice([-1, 1]) * self.rng.randint(2, 40))
        else:
            options = [p for p in pool if p != num and p not in evidence]
            if options and self.rng.random() < 0.6:
                new = self.rng.choice(options)
            else:
                digits = num.replace(",", "")
                try:
                    value = float(digits)
                except ValueError:
                    return None
                factor = self.rng.choice([0.5, 2, 3, 1.5, 10])
                value = value * factor
                new = f"{int(value):,}" if value >= 1000 else (str(int(value)) if value == int(value) else f"{value:g}")
        if new in evidence:
            return None
        return q[:a] + new + q[b:]

    def negation(self, q: str) -> str | None:
        toks = tokens(q)
        for i, (w, a, b) in enumerate(toks[:5]):
            lw = w.lower()
            if lw in AUX and i + 1 < len(toks):
                nxt = toks[i + 1][0]
                if nxt.islower() and nxt not in DETERMINERS and nxt not in {"not", "never", "n't"}:
                    return q[:b] + " not" + q[b:]
            if i > 0 and toks[i - 1][0].lower() in {"who", "what", "which"} and lw.endswith("ed") and w.islower():
                return q[:a] + "never " + q[a:]
        return None

    def _base_forms(self, w: str) -> list[tuple[str, str]]:
        """(base, suffix) candidates for a regular inflection."""
        out = [(w, "")]
        for suf in ("est", "er", "ed", "ing", "s"):
            if w.endswith(suf) and len(w) > len(suf) + 2:
                stem = w[: -len(suf)]
                out += [(stem, suf), (stem + "e", suf)]
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    out.append((stem[:-1], suf))
                if stem.endswith("i"):
                    out.append((stem[:-1] + "y", suf))
        return out

    @staticmethod
    def _inflect(base: str, suf: str) -> str:
        if not suf:
            return base
        if base.endswith("e") and suf[0] == "e":
            return base + suf[1:]
        if base.endswith("y") and suf in ("est", "er", "ed", "s") and len(base) > 2 and base[-2] not in "aeiou":
            return base[:-1] + ("ie" if suf == "s" else "i" + suf)
        return base + suf

    def antonym(self, q: str, evidence: str) -> str | None:
        ev = evidence.lower()
        options = []
        for w, a, b in tokens(q):
            if not w.islower() or len(w) < 4 or w in FUNCTION_WORDS:
                continue
            for base, suf in self._base_forms(w):
                ants = self.antonyms.get(base) if len(base) >= 4 else None
                if not ants:
                    continue
                if w not in ev and base not in ev:
                    continue  # the sentence should state the original word
                for ant in ants:
                    new = self._inflect(ant, suf)
                    if new not in ev and ant not in ev:
                        options.append((a, b, new))
                break
        if not options:
            return None
        a, b, new = self.rng.choice(options)
        return q[:a] + new + q[b:]

    def perturb(self, q: str, evidence: str, entity_pool: list[str], number_pool: list[str]) -> tuple[str, str] | None:
        """One unanswerable look-alike of q (kind, question), or None when no edit applies."""
        kinds = [("entity", 0.35), ("number", 0.2), ("antonym", 0.3), ("negation", 0.15)]
        order = sorted(kinds, key=lambda k: -k[1] * self.rng.random())
        for kind, _ in order:
            if kind == "entity":
                out = self.entity_swap(q, evidence, entity_pool)
            elif kind == "number":
                out = self.number_swap(q, evidence, number_pool)
            elif kind == "antonym":
                out = self.antonym(q, evidence)
            else:
                out = self.negation(q)
            if out and out != q:
                return kind, out
        return None


class Paraphraser:
    """A rewording of a question by WordNet synonyms of one or two of its plain words ("Which Pentagon chief
    issued…" → "Which Pentagon head released…"): the same question, with less of the sentence's own wording, so the
    model learns to match meaning rather than shared words. The label of the pair does not change."""

    def __init__(self, synonyms: dict[str, list[str]], rng: random.Random, vocabulary: set[str] | None = None):
        self.synonyms = synonyms
        self.rng = rng
        # only common words: a synonym must be a whole word of the model's vocabulary ("caput", "h2o" are not)
        self.vocabulary = vocabulary

    def _common(self, w: str) -> bool:
        return w.isalpha() and len(w) >= 3 and (self.vocabulary is None or w in self.vocabulary)

    def _variants(self, w: str) -> list[str]:
        lw = w.lower()
        out = list(self.synonyms.get(lw, []))
        for suf, base in (("s", lw[:-1]), ("es", lw[:-2]), ("ed", lw[:-2]), ("ed", lw[:-1]), ("ing", lw[:-3])):
            if lw.endswith(suf) and len(base) >= 3 and base in self.synonyms and not out:
                out = [Perturber._inflect(x, "s" if suf == "es" else suf) for x in self.synonyms[base]]
        return [x for x in out if x != lw and self._common(x)]

    def paraphrase(self, q: str, max_words: int = 2) -> str | None:
        toks = tokens(q)
        options = [(a, b, v) for i, (w, a, b) in enumerate(toks)
                   if w.islower() and len(w) >= 3 and w not in QUESTION_WORDS and w not in AUX and w not in DETERMINERS
                   and w not in FUNCTION_WORDS and (v := self._variants(w))]
        if not options:
            return None
        self.rng.shuffle(options)
        out = q
        for a, b, v in sorted(options[:max_words], key=lambda x: -x[0]):
            out = out[:a] + self.rng.choice(v) + out[b:]
        return out
