"""Component ``resolve``: merge the mentions that name one real-world entity.

Within a document (entities are already merged by canonical key: NFC,
new-style tone placement "Uỷ"/"Ủy", case):

* **Short forms of people**: "ông Lộc" after "ông Trần Văn Lộc" (a
  Vietnamese given name is the last syllables), "bà Maria" or "ông
  Schmidt" for a foreign name (its first or last words). The short form
  joins the one full name it fits; when two full names fit it is left alone
  (two people sharing a given name or a surname stay apart), and it never
  crosses genders (ông / bà).
* **Spelling variants of foreign names**: same number of words, all equal
  but one Latin word of five letters or more within edit distance 2
  ("Schmitt" / "Schmidtt"). Vietnamese syllables that differ in a
  tone are different names ("Bình" / "Bính") and are never merged.
* **Bodies**: a brand and the body named after it ("BRG" / "Tập đoàn BRG"),
  a brand and its local arm ("Acme" / "Acme Việt Nam").
* **Places** named only inside a body's name ("Mạng lưới ... Singapore") are
  not places the text names; they are dropped (but not a province or city
  written as such, "UBND tỉnh Quảng Nam", "Tỉnh ủy Gia Lai", nor the host place of a mission,
  "Đại sứ quán X tại Hà Nội").
* **Headlines in capitals**: "LÊ VĂN A" written first in a headline takes
  the spelling of the running text ("Lê Văn A") as its name.
* **Posts**: one membership per (person, role, body): a post written twice,
  or once with its body and once without ("Thủ tướng Chính phủ X" / "Thủ
  tướng X"), keeps its fullest title.

Across documents the same rules apply through :func:`same_person` (used by
the store's cross-document pass): identical canonical names are one IRI by
construction; a foreign-name variant is the same person only when the two
documents also give the same post.
"""
from __future__ import annotations

import functools
import re

from camket.loaders import gazetteer as gz
from camket.ontology.iri import canonical

from ..model import Analysis, Entity, Membership
from ..pipeline import component
from . import actors_lexicon as lex
from .actors_text import DIACRITIC_FREE, MentionIndex, word_index_at_or_after_words


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _words(name: str) -> list[str]:
    return canonical(name).casefold().split()


def is_vietnamese(name: str) -> bool:
    ws = _words(name)
    return bool(ws) and ws[0] in lex.surnames() and not all(DIACRITIC_FREE.match(w) for w in ws)


def short_form_of(short: str, full: str) -> bool:
    """``short`` is a shorter way to write the person ``full``."""
    s, f = _words(short), _words(full)
    if not s or len(s) >= len(f):
        return False
    if is_vietnamese(full):
        return f[-len(s):] == s  # given name(s): "Bình", "Văn Bình"
    return f[:len(s)] == s or f[-len(s):] == s  # first name or surname


def spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one foreign name: one long Latin word differs slightly."""
    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb) or len(wa) < 2 or wa == wb:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if not (DIACRITIC_FREE.match(x) and DIACRITIC_FREE.match(y)) or min(len(x), len(y)) < 5:
        return False
    return edit_distance(x, y, 2) <= 2


def same_person(names_a: list[str], names_b: list[str], posts_a: list[str] = (),
                posts_b: list[str] = ()) -> bool:
    """Cross-document test: the same person written in two articles."""
    ca = {canonical(n).casefold() for n in names_a}
    cb = {canonical(n).casefold() for n in names_b}
    if ca & cb:
        return True
    shared_post = {canonical(p).casefold() for p in posts_a} & {canonical(p).casefold() for p in posts_b}
    return bool(shared_post) and any(spelling_variant(x, y) for x in ca for y in cb)


def _first_pos(ent: Entity) -> int:
    return min((s.start for s in ent.spans), default=0)


def _people(analysis: Analysis) -> None:
    people = analysis.entities_of("person")
    # spelling variants first (full names), then short forms
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            if f"person:{a.key.casefold()}" in analysis.entities and \
                    f"person:{b.key.casefold()}" in analysis.entities and spelling_variant(a.name, b.name):
                keep, drop = (a, b) if _first_pos(a) <= _first_pos(b) else (b, a)
                analysis.merge(keep, drop)
    people = analysis.entities_of("person")
    for short in sorted(people, key=lambda e: len(_words(e.name))):
        fits = [f for f in people if f is not short and short_form_of(short.name, f.name)
                and f"person:{f.key.casefold()}" in analysis.entities
                and not _gender_conflict(short, f)]
        if not fits:
            continue
        if len(fits) > 1:
            continue  # "ông Hải" after two different "... Hải": ambiguous, left alone
        pool = fits
        analysis.merge(pool[0], short)


def _gender_conflict(a: Entity, b: Entity) -> bool:
    ga, gb = a.attrs.get("gender"), b.attrs.get("gender")
    return bool(ga and gb and ga != gb)


def _orgs(analysis: Analysis) -> None:
    orgs = analysis.entities_of("org")
    place_keys = {canonical(p.key).casefold() for p in analysis.entities_of("place")}
    for a in orgs:
        for b in orgs:
            if a is b or f"org:{a.key.casefold()}" not in analysis.entities \
                    or f"org:{b.key.casefold()}" not in analysis.entities:
                continue
            wa, wb = _words(a.name), _words(b.name)
            if len(wb) < len(wa) and _local_department_of(b, a, wa, wb, place_keys, orgs):
                analysis.merge(a, b)  # "Sở Du lịch" / "Sở Du lịch thành phố Đà Nẵng"
                continue
            if len(wb) >= len(wa) or not all(DIACRITIC_FREE.match(w) or w.isupper() for w in b.name.split()):
                continue
            # "Tập đoàn BRG" / "BRG": a body ending with the brand
            if wa[-len(wb):] == wb and len(wa) - len(wb) <= 4:
                analysis.merge(a, b)
                continue
            # "Acme Việt Nam" / "Acme": the brand and a place
            if wa[:len(wb)] == wb and " ".join(wa[len(wb):]) in place_keys:
                keep, drop = (a, b) if _first_pos(a) <= _first_pos(b) else (b, a)
                analysis.merge(keep, drop)


@functools.lru_cache(maxsize=None)
def _qualifiers(kinds: tuple[str, ...] = ("level", "committee", "host")) -> tuple[str, ...]:
    """The words of ``data/gazetteers/place_qualifiers.tsv`` of these kinds, longest first."""
    return tuple(sorted((r["word"] for r in gz.table("place_qualifiers") if r["kind"] in kinds),
                        key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=None)
def _level_words() -> tuple[str, ...]:
    """"tỉnh ", "thành phố ", "tp. ", "tp ": the level words as :func:`_words` spells them, with a space."""
    return tuple(canonical(w).casefold() + " " for w in _qualifiers(("level",)))


def _local_department_of(short: Entity, full: Entity, wa: list[str], wb: list[str], place_keys: set,
                         orgs: list[Entity]) -> bool:
    """A province's department written without its place ("Sở Du lịch") is the one department of
    that name the text also writes with it ("Sở Du lịch thành phố Đà Nẵng")."""
    if wb[0] != "sở" or wa[:len(wb)] != wb:
        return False
    rest = " ".join(wa[len(wb):])
    rest = next((rest[len(lv):] for lv in _level_words() if rest.startswith(lv)), rest)
    if rest not in place_keys:
        return False
    return sum(1 for o in orgs if o is not short and _words(o.name)[:len(wb)] == wb) == 1


@functools.lru_cache(maxsize=None)
def qualifier_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(a qualifier word ending right before a place, a level word opening a place's mention): a place
    written after them inside a body's name is named by the text in its own right."""
    before = re.compile(rf"(?:(?<![\w])(?:{'|'.join(re.escape(w) for w in _qualifiers())})\s+)$", re.I)
    opening = re.compile(rf"(?:{'|'.join(re.escape(w) for w in _qualifiers(('level',)))})\s", re.I)
    return before, opening


def _only_inside_names(analysis: Analysis) -> None:
    """Drop places and bodies named only inside another body's or an event's name."""
    hosts = MentionIndex(analysis, ("org", "event"))
    qualifier, qualified = qualifier_patterns()
    by_entity: dict[int, list] = {}
    for m in analysis.mentions:
        if m.entity is not None and m.kind in ("place", "org"):
            by_entity.setdefault(id(m.entity), []).append(m)
    used_as_post_body = {id(ms.org) for ms in analysis.memberships if ms.org is not None}
    for kind in ("place", "org"):
        for ent in analysis.entities_of(kind):
            mentions = by_entity.get(id(ent))
            if not mentions or (kind == "org" and id(ent) in used_as_post_body):
                continue

            def inside(m) -> bool:
                if qualifier.search(analysis.canon, max(0, m.span.start - 12), m.span.start) \
                        or qualified.match(analysis.canon, m.span.start):
                    return False  # "Đại sứ quán X tại [Hà Nội]", "UBND tỉnh [Quảng Nam]": a named place
                k = word_index_at_or_after_words(hosts.ws, m.span.start)
                return any(m.span in h.span and m.span != h.span and h.entity is not ent
                           for h in hosts.covering(k, ("org", "event")))
            if all(inside(m) for m in mentions):
                analysis.forget(ent)


def _memberships(analysis: Analysis) -> None:
    groups: dict[tuple, list[Membership]] = {}
    for m in analysis.memberships:
        role = canonical(m.role or m.title).casefold()
        groups.setdefault((id(m.person), role), []).append(m)
    out: list[Membership] = []
    for (_, _), items in groups.items():
        with_org = [m for m in items if m.org is not None]
        orgs = {id(m.org): m.org for m in with_org}
        for m in items:
            if m.org is None and len(orgs) == 1:
                m.org = next(iter(orgs.values()))
        by_org: dict[int, list[Membership]] = {}
        for m in items:
            by_org.setdefault(id(m.org), []).append(m)
        for same in by_org.values():
            best = max(same, key=lambda m: (len(m.title), not m.title.isupper(), -m.span.start))
            out.append(best)
    out.sort(key=lambda m: m.span.start)
    analysis.memberships = out


def _prefer_mixed_case(analysis: Analysis) -> None:
    """A name first written in capitals (a headline) takes its running-text spelling."""
    for ent in list(analysis.entities.values()):
        if ent.kind not in ("person", "org", "place") or not ent.name.isupper() or len(ent.name) < 4:
            continue
        better = next((a for a in ent.aliases if not a.isupper() and a.casefold() == ent.name.casefold()), None)
        if better is None:
            continue
        ent.aliases = [ent.name if a == better else a for a in ent.aliases]
        ent.name = better
        ent.key = canonical(better)


@component("resolve")
def resolve(analysis: Analysis) -> None:
    _prefer_mixed_case(analysis)
    _people(analysis)
    _orgs(analysis)
    _only_inside_names(analysis)
    _memberships(analysis)
