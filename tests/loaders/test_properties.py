"""Property-based tests (hypothesis) for the normaliser, IRI minting and readers."""
import unicodedata

from hypothesis import given, settings, strategies as st

from camket.loaders.normalise import canonicalise, to_nfc
from camket.loaders.read import InputError, read_bytes
from camket.ontology import iri

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
viet_text = st.text(alphabet=st.sampled_from(list(VIET + VIET.upper() + " .,;:“”\"'–-\n0123456789")), max_size=200)
any_text = st.text(max_size=200)


@given(any_text)
def test_canonicalise_preserves_length_and_is_idempotent(text):
    nfc = unicodedata.normalize("NFC", text)
    once = canonicalise(nfc)
    assert len(once) == len(nfc)
    assert canonicalise(once) == once


@given(viet_text)
def test_canonicalise_only_moves_tones_and_punctuation(text):
    out = canonicalise(text)
    def strip(s):  # without tone marks and with punctuation unified, both agree
        d = unicodedata.normalize("NFD", s)
        return "".join(c for c in d if c not in "\u0300\u0301\u0303\u0309\u0323").translate(
            str.maketrans("“”–", '""-'))
    assert strip(out) == strip(text)


@given(st.text(max_size=100))
def test_nfc_offset_map_is_monotonic_and_bounded(text):
    nfc, offsets = to_nfc(text)
    points = [offsets.to_source(i) for i in range(len(nfc) + 1)]
    assert points == sorted(points)
    assert all(0 <= p <= len(text) for p in points)


@given(viet_text, viet_text)
def test_iri_minting_is_stable_and_collision_free(a, b):
    assert iri.person(a) == iri.person(a)
    key = lambda s: " ".join(canonicalise(unicodedata.normalize("NFC", s)).casefold().split())
    words = lambda s: [w for w in __import__("re").split(r"[^\w]+", key(s)) if w]
    if words(a) != words(b):
        assert iri.person(a) != iri.person(b)


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_readers_never_crash_on_arbitrary_bytes(data):
    for suffix in (".txt", ".html", ".jsonl", ".md"):
        for item in read_bytes(data, "x" + suffix, suffix, "x"):
            assert isinstance(item, InputError) or item.text.strip()
            if isinstance(item, InputError):
                assert item.reason
