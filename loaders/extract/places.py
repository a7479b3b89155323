"""Component ``places``: provinces, cities, countries and regions from the gazetteer.

``data/gazetteers/places.tsv`` lists Vietnam's provinces and centrally-run
cities (the 63 before 2025, which include the 34 after the 2025 merger),
provincial cities, regions (Bắc Bộ, Tây Nguyên, đồng bằng sông Hồng, the key
economic zones...), continents, oceans and world regions, countries and
major world cities, each typed city / province / country / region, with
aliases (TPHCM, TP.HCM, Sài Gòn...).

A phrase is a place when it matches an entry (longest match, case-folded
canonical spelling, dashes and spaces interchangeable) and:

* its first word is capitalised when the entry's is (second and later words
  may differ in case: "Bắc bộ");
* it is not the tail of a person's name ("Nguyễn Thái Bình" is not the
  province Thái Bình) nor right after ông/bà;
* an *ambiguous* entry (a one-word country that is also a common word or a
  given name: Nga, Đức, Anh, Mỹ, Vinh...) stands clear of other capitalised
  words and does not open a sentence;
* compass directions (phía Bắc, phía Nam) are never places on their own, and
  neither is a region listed among them ("phía Bắc, phía Nam và miền Trung"
  qualifies key economic zones; it names no place).

"Khu công nghiệp / Khu kinh tế / Khu công nghệ cao X" names a place too.
The entity key is the entry's canonical name, so "TPHCM" and "Thành phố Hồ
Chí Minh" are one place; the mention keeps the spelling as written.
"""
from __future__ import annotations

import functools
import re

from camket.loaders import gazetteer as gz
from camket.ontology.iri import canonical

from ..model import Analysis
from ..pipeline import component
from .actors_text import (Word, add_mention, dash_or_space_joined, sentence_initial,
                          word_index_at_or_after_words,
                          space_joined, words)

HONORIFIC_BEFORE = {"ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ"}
CITY_PREFIXES = {("thành", "phố"), ("tp",), ("tp.",), ("tỉnh",)}
ZONE_HEADS = [("khu", "công", "nghiệp"), ("khu", "kinh", "tế"), ("khu", "công", "nghệ", "cao"),
              ("khu", "chế", "xuất"), ("khu", "đô", "thị")]


@functools.lru_cache(maxsize=None)
def _matcher() -> gz.Matcher:
    return gz.Matcher(gz.phrases_of("places"))


@functools.lru_cache(maxsize=None)
def _surnames() -> frozenset[str]:
    return gz.kind_set("surnames", "surname")


@functools.lru_cache(maxsize=None)
def _name_words() -> frozenset[str]:
    """Surnames and common middle names: a place right after one is part of a name."""
    return gz.kind_set("surnames", "surname") | gz.kind_set("surnames", "middle")


def _case_ok(ws: list[Word], i: int, phrase: gz.Phrase) -> bool:
    gaz_words = gz._TOKEN.findall(canonical(phrase.text))
    first_gaz_cap = gaz_words[0][:1].isupper()
    for k, gw in enumerate(gaz_words):
        w = ws[i + k]
        if k == 0:
            if first_gaz_cap and not w.cap:
                return False
        elif gw[:1].isupper() and not w.cap and not first_gaz_cap:
            return False
        if gw.isupper() and len(gw) > 1 and not w.upper:  # acronyms: TPHCM, UAE
            return False
    return True


def _clear(ws: list[Word], i: int, n: int) -> bool:
    """No capitalised word glued on either side; not opening a sentence."""
    if sentence_initial(ws, i):
        return False
    if i > 0 and space_joined(ws, i) and ws[i - 1].cap:
        return False
    j = i + n
    if j < len(ws) and space_joined(ws, j) and ws[j].cap:
        return False
    return True


def _after_role(ws: list[Word], folded: list[str], i: int) -> bool:
    """Word ``i`` follows a role word: "Thủ tướng Anh", "Ngoại trưởng Nga"."""
    from . import actors_lexicon as lex
    if not space_joined(ws, i):
        return False
    for s in range(max(0, i - 6), i):
        p = lex.role_at(ws, s, folded)
        if p is None or s + len(p.toks) > i:
            continue
        # only descriptors between the role and the country: "Bộ trưởng Tài chính Mỹ"
        between = range(s + len(p.toks), i)
        if len(between) <= 3 and all(space_joined(ws, k) and not lex.stops_at(ws, k) for k in between):
            return True
    return False


def _inside_name(ws: list[Word], i: int) -> bool:
    if i == 0 or not space_joined(ws, i):
        return False
    prev = ws[i - 1]
    if prev.fold in HONORIFIC_BEFORE:
        return True
    return prev.cap and prev.fold in _name_words()


def _listed_with_directions(ws: list[Word], i: int, n: int) -> bool:
    """A region in a list of compass directions: "phía Bắc, phía Nam và miền Trung"."""
    window = [w.fold for w in ws[max(0, i - 8):i]] + [w.fold for w in ws[i + n:i + n + 8]]
    return any(window[k] == "phía" for k in range(len(window)))


def _city_prefix(ws: list[Word], i: int) -> int:
    """Start index of a capitalised "Thành phố"/"TP" written before word ``i``."""
    if i >= 2 and ws[i - 2].text == "Thành" and ws[i - 1].fold == "phố" \
            and space_joined(ws, i - 1) and space_joined(ws, i):
        return i - 2
    if i >= 1 and ws[i - 1].text in ("TP", "Tp") and (space_joined(ws, i) or ws[i].gap.strip() == "."):
        return i - 1
    return i


def _zone(analysis: Analysis, ws: list[Word], i: int) -> int:
    """``Khu công nghiệp X Y`` → index after the zone's name, else ``i``."""
    if not ws[i].cap or ws[i].fold != "khu":
        return i
    for head in ZONE_HEADS:
        n = len(head)
        if tuple(w.fold for w in ws[i:i + n]) == head and all(space_joined(ws, j) for j in range(i + 1, i + n)):
            j = i + n
            while j < len(ws) and space_joined(ws, j) and ws[j].cap and j - (i + n) < 6:
                j += 1
            return j if j > i + n else i
    return i


# administrative words before a name the gazetteer may not hold: (words, place type, keep the word)
ADMIN_HEADS = [(("tỉnh",), "province", False), (("thành", "phố"), "city", False),
               (("thị", "xã"), "city", True), (("thị", "trấn"), "city", True),
               (("quận",), "region", True), (("huyện",), "region", True),
               (("phường",), "region", True), (("xã",), "region", True)]
ADMIN_FIRST = {head[0] for head, _, _ in ADMIN_HEADS}


def _person_after(ws: list[Word], j: int) -> bool:
    """A surname then a middle name ("Lê Văn", "Lâm Hữu") at ``j``: a person's name, not a place."""
    return (j + 1 < len(ws) and ws[j].fold in _surnames() and ws[j + 1].cap and space_joined(ws, j + 1)
            and ws[j + 1].fold in gz.kind_set("surnames", "middle"))


def _admin(ws: list[Word], i: int) -> tuple[int, int, str, bool] | None:
    """"huyện Mê Linh", "quận 3", "tỉnh Vân Nam": (name start, end, type, keep head)."""
    if ws[i].fold not in ADMIN_FIRST:
        return None
    for head, ptype, keep in ADMIN_HEADS:
        n = len(head)
        if tuple(w.fold for w in ws[i:i + n]) != head or i + n >= len(ws):
            continue
        if not all(space_joined(ws, j) for j in range(i + 1, i + n + 1)):
            continue
        j = i + n
        if ws[j].text.isdigit() and keep:
            return i, j + 1, ptype, keep
        if _person_after(ws, j):
            return None  # "Chủ tịch UBND tỉnh Lê Văn Định": the province is left out, a person follows
        k = j
        while k < len(ws) and ws[k].cap and (k == j or space_joined(ws, k)) and k - j < 4:
            if k > j and ws[k].fold in _surnames() and k + 1 < len(ws) and ws[k + 1].cap \
                    and space_joined(ws, k + 1):
                break  # "quận Hoàn Kiếm Phạm Tuấn Long": a person's name follows
            k += 1
        if k > j and not ws[j].upper:
            return i, k, ptype, keep
    return None


_LISTED = re.compile(r"(?<![\w])(?:[Cc]ác|[Nn]hững)\s+(?P<head>huyện|tỉnh|thành phố|quận|xã|thị xã|địa phương)"
                     r"(?![\w])[^.;:\n]{0,40}?\s+như\s*:?\s*")


def _listed_units(analysis: Analysis, ws: list[Word]) -> None:
    """"các huyện miền núi như Kỳ Sơn, Tương Dương và Quế Phong": places the gazetteer may not hold."""
    types = {"tỉnh": "province", "thành phố": "city"}
    for m in _LISTED.finditer(analysis.canon):
        j = word_index_at_or_after_words(ws, m.end())
        while j < len(ws) and ws[j].cap:
            k = j + 1
            while k < len(ws) and space_joined(ws, k) and ws[k].cap and k - j < 4:
                k += 1
            start, end = ws[j].start, ws[k - 1].end
            if not any(mm.kind == "place" and mm.span.start < end and start < mm.span.end
                       for mm in analysis.mentions):
                written = analysis.text[start:end]
                ptype = types.get(m.group("head"), "region")
                ent = analysis.entity("place", written, key=canonical(written), place_type=ptype)
                add_mention(analysis, "place", start, end, ent, place_type=ptype)
            if k < len(ws) and ws[k].gap.strip() == "," and ws[k].cap:
                j = k
            elif k + 1 < len(ws) and space_joined(ws, k) and ws[k].fold == "và" and ws[k + 1].cap:
                j = k + 1
            else:
                break


@component("places")
def places(analysis: Analysis) -> None:
    ws = words(analysis)
    folded = [w.fold for w in ws]
    m = _matcher()
    first_words = m.index.keys() | ADMIN_FIRST | {"khu"}
    i = 0
    while i < len(ws):
        if folded[i] not in first_words:
            i += 1  # starts no entry, administrative unit nor zone
            continue
        end_zone = _zone(analysis, ws, i)
        if end_zone > i:
            start, end = ws[i].start, ws[end_zone - 1].end
            written = analysis.text[start:end]
            ent = analysis.entity("place", written, key=canonical(written), place_type="region")
            add_mention(analysis, "place", start, end, ent, place_type="region")
            i = end_zone
            continue
        hit = None
        for p in m.candidates(folded, i, lambda j: dash_or_space_joined(ws, j)) if folded[i] in m.index else ():
            n = len(p.toks)
            if not _case_ok(ws, i, p):
                continue
            if p.ambiguous and not _clear(ws, i, n) and not _after_role(ws, folded, i):
                continue
            if _inside_name(ws, i) or (p.row["type"] == "country" and i > 0 and ws[i - 1].fold == "tiếng"
                                       and space_joined(ws, i)):
                continue  # "tiếng Anh" is a language
            hit = (p, n)
            break
        if hit is None:
            adm = _admin(ws, i)
            # "Hiệp hội Thành phố Bền vững": a capitalised head inside a name, not an address
            inside_caps = ws[i].cap and not sentence_initial(ws, i)
            if adm is not None and not _inside_name(ws, i) and not inside_caps:
                a_start, a_end, ptype, keep = adm
                # a gazetteer name after the head is read on the next word ("tỉnh Nghệ An")
                head_len = 1 if ws[i].fold in ("tỉnh", "quận", "huyện", "phường", "xã") else 2
                name_start = i + head_len
                if keep or not m.candidates(folded, name_start, lambda j: dash_or_space_joined(ws, j)):
                    first = a_start if keep else name_start
                    start, end = ws[first].start, ws[a_end - 1].end
                    written = analysis.text[start:end]
                    ent = analysis.entity("place", written, key=canonical(written), place_type=ptype)
                    if keep and not ws[name_start].text.isdigit():  # "huyện Hoằng Hóa" is also "Hoằng Hóa"
                        ent.add_spelling(analysis.text[ws[name_start].start:end])
                    add_mention(analysis, "place", start, end, ent, place_type=ptype)
                    i = a_end
                    continue
            i += 1
            continue
        p, n = hit
        ptype = p.row["type"]
        if ptype == "direction" or (ptype == "region" and p.toks[0] == "miền"
                                    and _listed_with_directions(ws, i, n)):
            i += n
            continue
        first = _city_prefix(ws, i) if ptype in ("city", "province") else i
        start, end = ws[first].start, ws[i + n - 1].end
        written = analysis.text[start:end]
        ent = analysis.entity("place", written, key=canonical(p.row["name"]), place_type=ptype)
        add_mention(analysis, "place", start, end, ent, place_type=ptype)
        i += n
    _listed_units(analysis, ws)
