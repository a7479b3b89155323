"""A tiny invented corpus, built as analyses (not extracted), so API tests do not depend
on how good extraction is today. Every name, body, province and policy here is made up."""
from __future__ import annotations

import hashlib

from camket.loaders.model import Analysis, Membership, Pledge, Span, Statement
from camket.loaders.rdf import document_graph
from camket.loaders.read import SourceDocument
from camket.ontology import iri

TEXT_A = ("Ngày 10/5/2023, tại Hội nghị Đô thị Xanh 2023 ở Hà Nội, ông Trần Văn Khải, Chủ tịch "
          "Ủy ban nhân dân tỉnh Lâm Hà, cho biết tỉnh sẽ hoàn thành 12 khu đô thị thông minh trước năm 2025. "
          "\"Chúng tôi quyết tâm thực hiện Nghị quyết 77-NQ/TW về đô thị số\", ông Khải nói. "
          "Bà Đoàn Thị Ngát, Thứ trưởng Bộ Kiến thiết, khẳng định Bộ sẽ hỗ trợ các địa phương.")
TEXT_B = ("Ông Trần Văn Khải, Chủ tịch Ủy ban nhân dân tỉnh Lâm Hà, nói rằng tỉnh đã hoàn thành 5 khu đô thị. "
          "Ông Khải cũng cho biết Lâm Hà sẽ trình đề án mới về Nghị quyết 77-NQ/TW.")

KHAI, NGAT = "Trần Văn Khải", "Đoàn Thị Ngát"
UBND, BO = "Ủy ban nhân dân tỉnh Lâm Hà", "Bộ Kiến thiết"


def _span(text: str, piece: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece))


def _doc(doc_id: str, text: str, date: str, title: str) -> Analysis:
    src = SourceDocument(doc_id=doc_id, text=text, source=f"{doc_id}.txt",
                         sha256=hashlib.sha256(text.encode()).hexdigest(), title=title, date=date,
                         publisher="Báo Thử Nghiệm")
    return Analysis(doc=src)


def doc_a() -> Analysis:
    a = _doc("tin-a", TEXT_A, "2023-05-10", "Hội nghị Đô thị Xanh ở Hà Nội")
    t = a.text
    hanoi = a.entity("place", "Hà Nội", _span(t, "Hà Nội"), place_type="city")
    lamha = a.entity("place", "Lâm Hà", _span(t, "Lâm Hà"), place_type="province")
    khai = a.entity("person", KHAI, _span(t, KHAI), gender="male", honorific="ông")
    khai.add_spelling("Khải")
    ngat = a.entity("person", NGAT, _span(t, NGAT), gender="female")
    ubnd = a.entity("org", UBND, _span(t, UBND), org_kind="government")
    bo = a.entity("org", BO, _span(t, BO), org_kind="ministry")
    policy = a.entity("policy", "Nghị quyết 77-NQ/TW", _span(t, "Nghị quyết 77-NQ/TW"), number="77-NQ/TW",
                      policy_type="Nghị quyết", title="về đô thị số", issuer="Bộ Chính trị", date="2022-01-20")
    event = a.entity("event", "Hội nghị Đô thị Xanh 2023", _span(t, "Hội nghị Đô thị Xanh 2023"),
                     date="2023-05-10", place=hanoi, organizers=[bo])
    a.memberships += [Membership(khai, "Chủ tịch Ủy ban nhân dân tỉnh Lâm Hà", "Chủ tịch", ubnd,
                                 _span(t, "Trần Văn Khải, Chủ tịch Ủy ban nhân dân tỉnh Lâm Hà"), "2023-05-10"),
                      Membership(ngat, "Thứ trưởng Bộ Kiến thiết", "Thứ trưởng", bo,
                                 _span(t, "Đoàn Thị Ngát, Thứ trưởng Bộ Kiến thiết"))]
    said = _span(t, "tỉnh sẽ hoàn thành 12 khu đô thị thông minh trước năm 2025")
    s1 = Statement(khai, "reported", said, verb="cho biết", mentions=[lamha], event=event)
    s2 = Statement(khai, "direct", _span(t, "Chúng tôi quyết tâm thực hiện Nghị quyết 77-NQ/TW về đô thị số"),
                   verb="nói", mentions=[policy], event=event)
    s3 = Statement(ngat, "reported", _span(t, "Bộ sẽ hỗ trợ các địa phương"), verb="khẳng định", event=event)
    a.statements += [s1, s2, s3]
    a.pledges.append(Pledge(ubnd, said, deadline="2025", quantity="12 khu đô thị thông minh",
                            places=[lamha], statement=s1, policy=policy))
    return a


def doc_b() -> Analysis:
    a = _doc("tin-b", TEXT_B, "2024-02-01", "Lâm Hà hoàn thành 5 khu đô thị")
    t = a.text
    lamha = a.entity("place", "Lâm Hà", _span(t, "Lâm Hà"), place_type="province")
    khai = a.entity("person", KHAI, _span(t, KHAI), gender="male")
    ubnd = a.entity("org", UBND, _span(t, UBND), org_kind="government")
    policy = a.entity("policy", "Nghị quyết 77-NQ/TW", _span(t, "Nghị quyết 77-NQ/TW"), number="77-NQ/TW",
                      policy_type="Nghị quyết")
    a.memberships.append(Membership(khai, "Chủ tịch Ủy ban nhân dân tỉnh Lâm Hà", "Chủ tịch", ubnd,
                                    _span(t, "Trần Văn Khải, Chủ tịch Ủy ban nhân dân tỉnh Lâm Hà")))
    a.statements += [
        Statement(khai, "reported", _span(t, "tỉnh đã hoàn thành 5 khu đô thị"), verb="nói rằng", mentions=[lamha]),
        Statement(khai, "reported", _span(t, "Lâm Hà sẽ trình đề án mới về Nghị quyết 77-NQ/TW", 0),
                  verb="cho biết", mentions=[lamha, policy])]
    return a


def documents() -> list[tuple[str, str]]:
    """(graph IRI, N-Triples) of the invented documents."""
    out = []
    for a in (doc_a(), doc_b()):
        g = document_graph(a, "2024-03-01T00:00:00+00:00")
        out.append((str(iri.document(a.doc.doc_id)), g.serialize(format="nt")))
    return out


PERSON_KHAI = str(iri.person(KHAI))
PERSON_NGAT = str(iri.person(NGAT))
ORG_UBND = str(iri.organization(UBND))
