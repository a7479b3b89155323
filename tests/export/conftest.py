"""An invented three-document store, written as the RDF the loaders produce
(names, bodies and provinces are made up), so the export tests do not depend
on how good extraction is today.

bai-a (2021-03-05): Trần Văn Khải, Giám đốc Sở Khoa học tỉnh Lam Sơn
  (attested 2020-11-02); the Sở is under UBND tỉnh Lam Sơn, which issued
  Nghị quyết 12-NQ/TU (based on 7-NQ/TW) and organised a workshop held in
  Lam Sơn; Khải spoke at it about 12-NQ/TU and Lam Sơn and pledged (from
  12-NQ/TU) for Lam Sơn.
bai-b (2022-06): Khải is Ủy viên of UBND; Lê Thị Mơ said something about
  Khải; Khải spoke about 12-NQ/TU again; 12-NQ/TU implements 7-NQ/TW.
bai-c (no date): Đỗ "Bé" Quân <&>, Chủ tịch of Công ty A&B.
"""
from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from camket.ontology import sparql_prefixes
from camket.store import open_store

ID = "https://w3id.org/camket/id/"
KHAI, MO, QUAN = ID + "person/tran-van-khai", ID + "person/le-thi-mo", ID + "person/do-quan"
SO, UBND, CTY = ID + "org/so-khoa-hoc-lam-son", ID + "org/ubnd-lam-son", ID + "org/cong-ty-a-b"
LAMSON, P12, P7 = ID + "place/lam-son", ID + "policy/12-nq-tu", ID + "policy/7-nq-tw"
EVENT = ID + "event/hoi-thao-lam-son"

PREFIXES = sparql_prefixes().replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")

DOCS = {
    "bai-a": """
id:doc/bai-a a ck:Document ; schema:identifier "bai-a" ; dcterms:date "2021-03-05"^^xsd:date .
<%(KHAI)s> a schema:Person ; schema:name "Trần Văn Khải"@vi ; schema:alternateName "ông Khải"@vi ;
    ck:mentionedIn id:doc/bai-a .
<%(SO)s> a org:Organization ; schema:name "Sở Khoa học tỉnh Lam Sơn"@vi ; ck:orgKind "department" ;
    org:subOrganizationOf <%(UBND)s> .
<%(UBND)s> a org:Organization ; schema:name "UBND tỉnh Lam Sơn"@vi ; ck:orgKind "government" .
<%(LAMSON)s> a ck:Province ; schema:name "Lam Sơn"@vi ; ck:placeType "province" .
<%(P12)s> a ck:PolicyDocument ; schema:name "Nghị quyết 12-NQ/TU"@vi ; ck:policyType "Nghị quyết"@vi ;
    eli:date_document "2020-12-20"^^xsd:date ; eli:passed_by <%(UBND)s> ; eli:based_on <%(P7)s> .
<%(P7)s> a ck:PolicyDocument ; schema:name "Nghị quyết 7-NQ/TW"@vi .
<%(EVENT)s> a schema:Event ; schema:name "Hội thảo đô thị thông minh Lam Sơn"@vi ;
    schema:startDate "2021-03-04"^^xsd:date ; schema:location <%(LAMSON)s> ; schema:organizer <%(UBND)s> .
id:membership/khai/giam-doc/so a org:Membership ; org:member <%(KHAI)s> ; org:organization <%(SO)s> ;
    org:role id:role/giam-doc ; ck:title "Giám đốc Sở Khoa học"@vi ; ck:attestedOn "2020-11-02"^^xsd:date .
id:role/giam-doc a org:Role ; schema:name "Giám đốc"@vi .
id:statement/bai-a/10-50 a ck:Statement ; ck:speaker <%(KHAI)s> ; ck:text "Lam Sơn sẽ làm theo 12-NQ/TU"@vi ;
    ck:speechKind "direct" ; ck:mentions <%(P12)s> , <%(LAMSON)s> ; ck:atEvent <%(EVENT)s> .
id:pledge/bai-a/60-90 a ck:Pledge ; ck:actor <%(KHAI)s> ; ck:text "hoàn thành trước năm 2025"@vi ;
    ck:deadline "2025"^^xsd:gYear ; ck:concernsPlace <%(LAMSON)s> ; ck:fromPolicy <%(P12)s> ;
    ck:fromStatement id:statement/bai-a/10-50 .
""",
    "bai-b": """
id:doc/bai-b a ck:Document ; schema:identifier "bai-b" ; dcterms:date "2022-06"^^xsd:gYearMonth .
<%(KHAI)s> a schema:Person ; schema:name "Trần Văn Khải"@vi .
<%(MO)s> a schema:Person ; schema:name "Lê Thị Mơ"@vi .
<%(UBND)s> a org:Organization ; schema:name "Ủy ban nhân dân tỉnh Lam Sơn"@vi .
<%(P12)s> a ck:PolicyDocument ; schema:name "Nghị quyết 12-NQ/TU"@vi ; eli:implements <%(P7)s> .
<%(P7)s> a ck:PolicyDocument ; schema:name "Nghị quyết 7-NQ/TW"@vi .
id:membership/khai/uy-vien/ubnd a org:Membership ; org:member <%(KHAI)s> ; org:organization <%(UBND)s> ;
    org:role id:role/uy-vien ; ck:title "Ủy viên UBND tỉnh"@vi .
id:role/uy-vien a org:Role ; schema:name "Ủy viên"@vi .
id:statement/bai-b/5-40 a ck:Statement ; ck:speaker <%(MO)s> ; ck:text "anh Khải làm tốt"@vi ;
    ck:speechKind "reported" ; ck:mentions <%(KHAI)s> .
id:statement/bai-b/50-99 a ck:Statement ; ck:speaker <%(KHAI)s> ; ck:text "12-NQ/TU là đúng"@vi ;
    ck:speechKind "direct" ; ck:mentions <%(P12)s> .
""",
    "bai-c": """
id:doc/bai-c a ck:Document ; schema:identifier "bai-c" .
<%(QUAN)s> a schema:Person ; schema:name "Đỗ \\"Bé\\" Quân <&>"@vi .
<%(CTY)s> a org:Organization ; schema:name "Công ty A&B"@vi ; ck:orgKind "company" .
id:membership/quan/chu-tich/cty a org:Membership ; org:member <%(QUAN)s> ; org:organization <%(CTY)s> ;
    org:role id:role/chu-tich ; ck:title "Chủ tịch"@vi .
id:role/chu-tich a org:Role ; schema:name "Chủ tịch"@vi .
""",
}
NAMES = dict(KHAI=KHAI, MO=MO, QUAN=QUAN, SO=SO, UBND=UBND, CTY=CTY, LAMSON=LAMSON, P12=P12, P7=P7, EVENT=EVENT)


def doc_ntriples(body: str) -> str:
    body = re.sub(r"\bid:([\w/.-]+)", lambda m: f"<{ID}{m.group(1)}>", body % NAMES)
    triples = ox.parse(PREFIXES + body, format=ox.RdfFormat.TURTLE)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def make_store(path, docs: dict[str, str] = DOCS):
    store = open_store(path)
    for doc_id, body in docs.items():
        store.replace_document(ID + "doc/" + doc_id, doc_ntriples(body))
    store.flush()
    return store


@pytest.fixture(scope="session")
def invented_store(tmp_path_factory):
    """The invented store (session-wide, read only)."""
    return make_store(tmp_path_factory.mktemp("export") / "store")
