"""Deterministic synthetic corpus in the genre, with ground truth in the gold format.

Each article: a headline, a dateline lead naming an event (date, place,
organiser), a participants paragraph (officials with their posts in bodies),
then paragraphs of direct and reported speech, numbered resolutions and
decisions, targets with deadlines and places, and background sentences,
until a drawn length of 300-3,000 words (median ~1,200). People are invented
from common name syllables; bodies, places and role words come from
:mod:`bench.vocab`. Article ``i`` depends only on ``(seed, i)``, so any
slice or shard of a corpus is reproducible on its own.

The ground truth (``GOLD_DIR/<id>.json``, the shared gold format) lists what
the text states. Conventions: a place counts when named on its own (not
when it only occurs inside a body's name); statement and pledge
``contains`` are exact substrings of 5-12 words.

Usage::

    python -m bench.generate_corpus --articles 1000 --seed 7 --out /tmp/corpus.jsonl --gold /tmp/gold
    python -m bench.generate_corpus --articles 50 --format txt --out /tmp/corpus_dir
"""
from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from bench import vocab as V

MIN_WORDS, MAX_WORDS, MEDIAN_WORDS = 300, 3000, 1200


@dataclass
class Person:
    name: str
    female: bool
    role: str
    org: str
    post: str  # the post as written at first mention ("Cục trưởng Cục X, Bộ Y")

    @property
    def honorific(self) -> str:
        return "bà" if self.female else "ông"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def words(text: str) -> int:
    return len(text.split())


class Article:
    """Builds one article's paragraphs and its gold facts side by side."""

    def __init__(self, rng: random.Random, doc_id: str):
        self.rng, self.doc_id = rng, doc_id
        self.paragraphs: list[str] = []
        self.gold: dict = {"doc": f"{doc_id}.txt", "people": [], "organizations": [], "roles": [],
                           "policies": [], "statements": [], "pledges": [], "places": [], "events": []}
        self.people: list[Person] = []
        self.policies: list[dict] = []
        self.used_names: set[str] = set()
        self.year = rng.randint(2019, 2025)

    # -- gold bookkeeping -------------------------------------------------------
    def _named(self, cat: str, name: str) -> str:
        if name not in {x["name"] for x in self.gold[cat]}:
            self.gold[cat].append({"name": name, "aliases": []})
        return name

    def org(self, name: str) -> str:
        """A body; the province or city its name ends on is a place the text names too."""
        for place in V.PROVINCES + V.CITIES:
            if name.endswith(" " + place):
                self.place(place)
        return self._named("organizations", name)

    def place(self, name: str) -> str:
        return self._named("places", name)

    def words(self) -> int:
        return sum(words(p) for p in self.paragraphs)

    # -- vocabulary draws -------------------------------------------------------
    def pick(self, seq):
        return self.rng.choice(seq)

    def person_name(self, female: bool) -> str:
        for _ in range(50):
            mid = self.pick(V.MIDDLE_FEMALE if female else V.MIDDLE_MALE)
            given = self.pick(V.GIVEN_FEMALE if female else V.GIVEN_MALE)
            if female and self.rng.random() < 0.3:
                given = f"{self.pick(V.GIVEN_FEMALE)} {self.pick(V.GIVEN_SECOND)}"
            name = f"{self.pick(V.SURNAMES)} {mid} {given}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise RuntimeError("name space exhausted")

    def body(self) -> tuple[str, str, str | None]:
        """(body name, kind, parent body or None) of a post."""
        r, p = self.rng.random(), self.pick(V.PROVINCES)
        if r < 0.2:
            return self.pick(V.MINISTRIES), "ministry", None
        if r < 0.35:
            return f"Cục {cap(self.pick(V.DOMAINS))}", "department", self.pick(V.MINISTRIES)
        if r < 0.55:
            return f"{self.pick(['UBND', 'Ủy ban nhân dân'])} tỉnh {p}", "committee", None
        if r < 0.65:
            return f"Tỉnh ủy {p}", "party", None
        if r < 0.8:
            return f"Sở {self.pick(V.PROVINCIAL_DEPTS)} tỉnh {p}", "provincial_dept", None
        if r < 0.93:
            brand = " ".join(self.rng.sample(V.BRAND_SYLLABLES, 2))
            form = self.pick(V.COMPANY_FORMS)
            sector = "" if form == "Tập đoàn" else self.pick(V.COMPANY_SECTORS) + " "
            return f"{form} {sector}{brand}", "company", None
        return f"Hiệp hội {cap(self.pick(V.DOMAINS))} Việt Nam", "association", None

    def clause(self) -> str:
        domain = self.pick(V.DOMAINS + V.OBJECT_EXTRAS)
        return " ".join([self.pick(V.SUBJECTS), self.pick(V.MODALS), self.pick(V.VERBS), domain,
                         self.pick(V.PURPOSES)])

    def date(self) -> tuple[int, int, int]:
        return self.year, self.rng.randint(1, 12), self.rng.randint(1, 28)


# ------------------------------------------------------------------ paragraphs

def new_person(a: Article) -> Person:
    """Draw an official with a post in a body, recording both in the gold."""
    body, kind, parent = a.body()
    role = a.pick(V.ROLE_WORDS[kind])
    female = a.rng.random() < 0.35
    post = f"{role} {body}" + (f", {parent}" if parent else "")
    person = Person(a.person_name(female), female, role, body, post)
    a.people.append(person)
    a.gold["people"].append({"name": person.name, "aliases": []})
    a.org(body)
    if parent:
        a.org(parent)
    a.gold["roles"].append({"person": person.name, "title": post, "organization": body})
    return person


def introduce(a: Article, p: Person) -> str:
    """First mention of a person with the post: appositive or title-first."""
    if a.rng.random() < 0.6 or p.post != f"{p.role} {p.org}":
        return f"{p.honorific} {p.name}, {p.post}"
    return f"{p.role} {p.org} {p.name}"


def mention(a: Article, p: Person) -> str:
    return a.pick([f"{p.honorific} {p.name}", f"{p.role} {p.name}"])


def lead(a: Article) -> None:
    y, m, d = a.date()
    where = a.place(a.pick(V.CITIES + V.PROVINCES))
    kind = a.pick(V.EVENT_KINDS)
    scope = a.pick(["toàn quốc", f"năm {y}", f"Việt Nam - {a.pick(V.COUNTRIES)} {y}", f"lần thứ {a.rng.randint(2, 9)}"])
    name = f"{kind} {cap(a.pick(V.DOMAINS))} {scope}"
    if "Việt Nam - " in scope:
        a.place(scope.split(" - ")[1].rsplit(" ", 1)[0])
    organiser, _, _ = a.body()
    a.org(organiser)
    a.gold["events"].append({"name": name, "date": f"{y:04d}-{m:02d}-{d:02d}", "place": where})
    dateline = a.pick([f"{where} - ", "(PV) - ", ""])
    a.paragraphs.append(f"{dateline}Ngày {d}/{m}/{y}, tại {where}, {organiser} tổ chức {name}. "
                        f"{cap(a.clause())}.")


def participants(a: Article) -> None:
    people = [new_person(a) for _ in range(a.rng.randint(2, 5))]
    listed = "; ".join(introduce(a, p) for p in people)
    a.paragraphs.append(f"Tham dự có {listed}. Cùng dự có đại diện các bộ, ngành, địa phương, "
                        f"các chuyên gia, nhà khoa học và hơn {a.rng.randint(1, 5) * 100} đại biểu.")


def speech_fact(a: Article, speaker: Person, kind: str, said: str) -> None:
    n = a.rng.randint(6, min(12, words(said)))
    a.gold["statements"].append({"speaker": speaker.name, "kind": kind,
                                 "contains": " ".join(said.split()[:n])})


def direct_speech(a: Article) -> None:
    p = a.pick(a.people)
    said = a.clause()
    quote = f"{cap(said)}. {cap(a.clause())}"
    intro = a.pick(["Phát biểu tại sự kiện", "Phát biểu khai mạc", "Chia sẻ tại diễn đàn", "Trao đổi với báo chí"])
    speech_fact(a, p, "direct", cap(said))
    a.paragraphs.append(f'{intro}, {mention(a, p)} {a.pick(V.DIRECT_VERBS)}: "{quote}." {background(a)}')


def reported_speech(a: Article) -> None:
    p = a.pick(a.people)
    said = a.clause()
    if a.rng.random() < 0.5:
        text = f"Theo {mention(a, p)}, {said}."
    else:
        text = f"{cap(mention(a, p))} {a.pick(V.REPORTED_VERBS)} {said}."
    speech_fact(a, p, "reported", said)
    a.paragraphs.append(f"{text} {background(a)}")


def policy(a: Article) -> None:
    ptype, fmt, issuer = a.pick(V.POLICY_SCHEMES)
    province = a.pick(V.PROVINCES)
    issuer = issuer.format(p=province)
    number = fmt.format(n=a.rng.randint(1, 180))
    if number in {x["id"] for x in a.gold["policies"]}:
        return
    y, m, d = a.year - a.rng.randint(0, 4), a.rng.randint(1, 12), a.rng.randint(1, 28)
    target = a.rng.randint(2025, 2035)
    title = f"{cap(a.pick(V.DOMAINS))} {a.pick(['của cả nước', 'giai đoạn mới'])} đến năm {target}, tầm nhìn đến năm {target + 15}"
    if issuer in V.ISSUER_IS_ORG or issuer.startswith("Hội đồng"):
        a.org(issuer)
    short = f"{ptype} {number.split('/')[0].split('-')[0]}"
    pol = {"id": number, "type": ptype, "issuer": issuer, "date": f"{y:04d}-{m:02d}-{d:02d}",
           "title": title, "aliases": [short]}
    a.gold["policies"].append(pol)
    a.policies.append(pol)
    a.paragraphs.append(f'{ptype} số {number} ngày {d}/{m}/{y} của {issuer} về "{title}" đã xác định '
                        f"{a.clause()}. {short} cũng nhấn mạnh vai trò của {a.pick(V.DOMAINS)}. {background(a)}")


def pledge(a: Article) -> None:
    places = [a.place(x) for x in a.rng.sample(V.PROVINCES + V.CITIES, a.rng.randint(1, 2))]
    where = " và ".join(places)
    target = (f"{a.pick(V.TARGET_VERBS)} {a.rng.randint(2, 400)} {a.pick(V.TARGET_UNITS)} "
              f"tại {where}")
    year = a.rng.randint(a.year + 1, 2035)
    if a.policies and a.rng.random() < 0.4:
        pol = a.pick(a.policies)
        actor, subject = pol["id"], pol["aliases"][0]
        text = f"{subject} đặt mục tiêu đến năm {year} {target}."
    else:
        actor, _, _ = a.body()
        subject = a.org(actor)
        text = f"Theo kế hoạch, {subject} đặt mục tiêu đến năm {year} {target}."
    contains = " ".join(target.split()[:a.rng.randint(6, min(10, words(target)))])
    a.gold["pledges"].append({"actor": actor, "contains": contains, "deadline": str(year), "places": places})
    a.paragraphs.append(f"{text} {background(a)}")


def background(a: Article) -> str:
    """One or two sentences with no named entity (filler between facts)."""
    fact = a.pick(V.FACT_SENTENCES).format(pct=f"{a.rng.randint(2, 95)},{a.rng.randint(0, 9)}",
                                           big=f"{a.rng.randint(1, 900)}.{a.rng.randint(100, 999)}",
                                           num=a.rng.randint(20, 5000))
    return f"{a.pick(V.CONNECTORS)} {fact}. {cap(a.clause())}."


def filler(a: Article) -> None:
    a.paragraphs.append(" ".join(background(a) for _ in range(a.rng.randint(2, 4))))


BODY_STEPS = [(direct_speech, 3), (reported_speech, 4), (policy, 1), (pledge, 2), (filler, 4)]


def headline(a: Article) -> str:
    return f"{cap(a.pick(V.VERBS))} {a.pick(V.DOMAINS)}: {a.clause()}"


def target_words(rng: random.Random) -> int:
    return int(min(MAX_WORDS, max(MIN_WORDS, rng.lognormvariate(math.log(MEDIAN_WORDS), 0.5))))


def generate_article(seed: int, i: int) -> tuple[dict, dict]:
    """The JSON Lines record and the gold facts of article ``i``."""
    doc_id = f"gen-{i:07d}"
    rng = random.Random(f"camket-bench:{seed}:{i}")
    a = Article(rng, doc_id)
    want = target_words(rng)
    title = headline(a)
    lead(a)
    participants(a)
    steps, weights = zip(*BODY_STEPS)
    while a.words() + words(title) < want:
        rng.choices(steps, weights)[0](a)
    text = title + "\n" + "\n".join(a.paragraphs) + "\n"
    y, m, d = a.date()
    record = {"id": doc_id, "title": title, "date": f"{y:04d}-{m:02d}-{d:02d}",
              "publisher": "camket synthetic", "text": text}
    return record, a.gold


def generate(n: int, seed: int = 7, start: int = 0) -> Iterator[tuple[dict, dict]]:
    for i in range(start, start + n):
        yield generate_article(seed, i)


def write_corpus(n: int, out: str | Path, gold: str | Path | None = None, seed: int = 7,
                 fmt: str | None = None) -> dict:
    """Write ``n`` articles to ``out`` (``.jsonl`` file or a folder of ``.txt``) and their gold."""
    out = Path(out)
    fmt = fmt or ("jsonl" if out.suffix == ".jsonl" else "txt")
    gold_dir = Path(gold) if gold else None
    if gold_dir:
        gold_dir.mkdir(parents=True, exist_ok=True)
    total_words = 0
    sink = None
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        sink = out.open("w", encoding="utf-8")
    else:
        out.mkdir(parents=True, exist_ok=True)
    try:
        for record, facts in generate(n, seed):
            total_words += words(record["text"])
            if sink:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                (out / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
            if gold_dir:
                (gold_dir / f"{record['id']}.json").write_text(
                    json.dumps(facts, ensure_ascii=False, indent=1), encoding="utf-8")
    finally:
        if sink:
            sink.close()
    return {"articles": n, "words": total_words, "out": str(out), "gold": str(gold_dir) if gold_dir else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", "-o", required=True, help="a .jsonl file or a folder for .txt files")
    ap.add_argument("--gold", help="folder for the ground truth (one JSON per article)")
    ap.add_argument("--format", choices=["jsonl", "txt"])
    args = ap.parse_args(argv)
    info = write_corpus(args.articles, args.out, args.gold, args.seed, args.format)
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
