"""Typo-tolerant name look-up for :mod:`camket.search`, in memory.

The index's ``names`` table holds a row per (thing, document, spelling): ranking
its trigram matches (the first way camket did this) scored every name sharing
a trigram with the query, seconds at 10,000 articles. Here the distinct
spellings are read once per index state into a word index; a query's words
that are not in the vocabulary are replaced by their closest vocabulary words
(:func:`difflib.get_close_matches`), names holding all but one of the query's
words are the candidates (most shared words first, at most ``POOL``), and
:class:`difflib.SequenceMatcher` ranks them against the whole query.

Public API::

    matcher = NameMatcher(rows)      # rows: (kind, iri, label, folded name, doc)
    matcher.match("nguyen vam binh", kinds=None) -> [(ratio, kind, iri, label, doc), ...]
"""
from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from typing import Iterable

POOL = 400  # candidate names compared with the whole query


class NameMatcher:
    def __init__(self, rows: Iterable[tuple]):
        self.names: list[tuple] = []  # (folded, kind, iri, label, doc)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for kind, iri, label, folded, doc in rows:
            if (iri, folded) in seen:
                continue
            seen.add((iri, folded))
            for word in set(folded.split()):
                self.by_word[word].append(len(self.names))
            self.names.append((folded, kind, iri, label, doc))
        self.vocab = list(self.by_word)

    def _close(self, word: str) -> list[str]:
        if word in self.by_word:
            return [word]
        return difflib.get_close_matches(word, self.vocab, n=6, cutoff=0.6)

    def match(self, folded: str, kinds=None, cutoff: float = 0.6) -> list[tuple]:
        """Names like ``folded``, best first: (ratio, kind, iri, label, doc), one per thing."""
        words = list(dict.fromkeys(folded.split()))
        shared: Counter = Counter()
        for word in words:
            shared.update({i for close in self._close(word) for i in self.by_word[close]})
        need = max(1, len(words) - 1)
        pool = [i for i, n in shared.most_common() if n >= need and (not kinds or self.names[i][1] in kinds)]
        best: dict[str, tuple] = {}
        for i in pool[:POOL]:
            name, kind, iri, label, doc = self.names[i]
            ratio = difflib.SequenceMatcher(None, folded, name).ratio()
            if ratio >= cutoff and ratio > best.get(iri, (0,))[0]:
                best[iri] = (ratio, kind, iri, label, doc)
        return sorted(best.values(), key=lambda t: (-t[0], t[2]))
