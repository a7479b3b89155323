"""What the extractor knows about one document while it reads it.

An :class:`Analysis` is handed from component to component (see
:mod:`camket.loaders.pipeline`). Components add :class:`Mention`s (a span of
text and what it names), :class:`Entity`s (people, bodies, places, policy
documents, events — merged by kind and canonical key within the document)
and facts (:class:`Membership`, :class:`Statement`, :class:`Pledge`). The
RDF writer turns the finished analysis into the document's graph.

All offsets are character offsets into ``Analysis.text`` (the NFC text that
is stored); ``Analysis.canon`` is the same text canonicalised character for
character (quotes, dashes, tone placement), so offsets found in one slice the
other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from camket.ontology.iri import canonical

from .normalise import canonicalise
from .read import SourceDocument

ENTITY_KINDS = ("person", "org", "place", "policy", "event")


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range [start, end) of the document text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def __contains__(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass
class Token:
    """A word (possibly several syllables) from the NLP toolkit, with offsets."""

    start: int
    end: int
    text: str
    pos: str = ""
    ner: str = ""


@dataclass
class Mention:
    """A span that names something; ``entity`` is filled once resolved."""

    kind: str
    span: Span
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)
    entity: "Entity | None" = None


@dataclass
class Entity:
    """A person, body, place, policy document or event named in the document.

    ``key`` is the canonical name the IRI is minted from; ``name`` the first
    spelling in this document; ``aliases`` the other spellings.
    """

    kind: str
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.key}"

    def add_spelling(self, text: str) -> None:
        if text != self.name and text not in self.aliases:
            self.aliases.append(text)

    def add_span(self, span: Span) -> None:
        if span not in self.spans:
            self.spans.append(span)


@dataclass
class Membership:
    """A person holding a post (role word + body) as one span attests it."""

    person: Entity
    title: str
    role: str
    org: Entity | None
    span: Span
    date: str | None = None


@dataclass
class Statement:
    """Who said what: ``span`` is the said text, ``evidence`` the whole act."""

    speaker: Entity
    kind: str  # "direct" | "reported"
    span: Span
    verb: str | None = None
    evidence: list[Span] = field(default_factory=list)
    mentions: list[Entity] = field(default_factory=list)
    event: Entity | None = None


@dataclass
class Pledge:
    """A commitment or target: ``span`` is the pledged text."""

    actor: Entity
    span: Span
    deadline: str | None = None
    quantity: str | None = None
    places: list[Entity] = field(default_factory=list)
    statement: Statement | None = None
    policy: Entity | None = None
    evidence: list[Span] = field(default_factory=list)


def _swap(items: list, old, new) -> list:
    """``items`` with ``old`` replaced by ``new`` (removed when ``new`` is None), no duplicates."""
    out = []
    for e in items:
        e = new if e is old else e
        if e is not None and all(e is not o for o in out):
            out.append(e)
    return out


@dataclass
class Analysis:
    """Everything known about one document; grown by pipeline components."""

    doc: SourceDocument
    text: str = ""
    canon: str = ""
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    nlp: Any = None  # the lazy segmenter of the ``nlp`` component (None when it is skipped)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        if not self.text:
            self.text = self.doc.text
        if not self.canon:
            self.canon = canonicalise(self.text)

    @property
    def tokens(self) -> list[Token]:
        """Every NLP token of the document (segments all of it; rules ask ``nlp.token_at``)."""
        return self.nlp.all() if self.nlp is not None else []

    # -- entities -----------------------------------------------------------
    def entity(self, kind: str, name: str, span: Span | None = None,
               key: str | None = None, **attrs) -> Entity:
        """The document's entity of that kind and canonical name, created or merged."""
        key = key or canonical(name)
        ident = f"{kind}:{key.casefold()}"
        ent = self.entities.get(ident)
        if ent is None:
            ent = Entity(kind=kind, key=key, name=name)
            self.entities[ident] = ent
        else:
            ent.add_spelling(name)
        if span is not None:
            ent.add_span(span)
        for k, v in attrs.items():
            if v is not None and ent.attrs.get(k) is None:
                ent.attrs[k] = v
        return ent

    def entities_of(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]

    def forget(self, ent: Entity) -> None:
        """Drop an entity found to be spurious (and its mentions, the facts it is the
        subject of, and every reference to it from other facts and entities)."""
        self.entities.pop(f"{ent.kind}:{ent.key.casefold()}", None)
        self.mentions = [m for m in self.mentions if m.entity is not ent]
        self.memberships = [m for m in self.memberships if m.person is not ent]
        self.statements = [s for s in self.statements if s.speaker is not ent]
        self.pledges = [p for p in self.pledges if p.actor is not ent]
        self._replace_refs(ent, None)

    def _replace_refs(self, old: Entity, new: Entity | None) -> None:
        """Point every fact attribute and entity attribute naming ``old`` at ``new`` (or drop it)."""
        live = {id(s) for s in self.statements}
        for fact in (*self.memberships, *self.statements, *self.pledges):
            for attr in ("person", "org", "speaker", "actor", "event", "policy"):
                if getattr(fact, attr, None) is old:
                    setattr(fact, attr, new)
            for attr in ("mentions", "places"):
                items = getattr(fact, attr, None)
                if items is not None and old in items:
                    setattr(fact, attr, _swap(items, old, new))
            if getattr(fact, "statement", None) is not None and id(fact.statement) not in live:
                fact.statement = None
        for ent in self.entities.values():
            for k, v in list(ent.attrs.items()):
                if v is old:
                    ent.attrs[k] = new
                elif isinstance(v, list) and old in v:
                    ent.attrs[k] = _swap(v, old, new)

    def merge(self, keep: Entity, drop: Entity) -> None:
        """Fold ``drop`` into ``keep`` (same real-world entity)."""
        if keep is drop:
            return
        keep.add_spelling(drop.name)
        for alias in drop.aliases:
            keep.add_spelling(alias)
        for span in drop.spans:
            keep.add_span(span)
        for k, v in drop.attrs.items():
            keep.attrs.setdefault(k, v)
        self.entities.pop(f"{drop.kind}:{drop.key.casefold()}", None)
        for m in self.mentions:
            if m.entity is drop:
                m.entity = keep
        self._replace_refs(drop, keep)

    # -- text helpers -------------------------------------------------------
    def sentence_of(self, pos: int) -> Span | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def paragraph_of(self, pos: int) -> Span | None:
        for p in self.paragraphs:
            if p.start <= pos < p.end:
                return p
        return None

    def mentions_in(self, span: Span, kind: str | None = None) -> list[Mention]:
        return [m for m in self.mentions if m.span in span and (kind is None or m.kind == kind)]

    @property
    def date(self) -> str | None:
        """The document's date (ISO) if known: from metadata or the dateline."""
        return self.doc.date
