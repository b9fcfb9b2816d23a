from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from avatar.text.chunking import chunk_text, clean_text

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30)
texts = st.lists(st.one_of(words, st.sampled_from([". ", "! ", "? ", ", ", "\n", "  ", "“", "”"])), max_size=60).map(
    "".join
)


@settings(max_examples=300)
@given(texts, st.integers(min_value=1, max_value=200))
def test_chunking_never_loses_or_reorders_text(text: str, limit: int) -> None:
    chunks = chunk_text(text, limit)
    norm = clean_text(text)
    assert all(0 < len(c) <= limit for c in chunks)
    assert "".join(chunks).replace(" ", "") == norm.replace(" ", "")
    if all(len(w) <= limit for w in norm.split(" ")):
        assert " ".join(chunks) == norm


def test_sentences_stay_whole_when_they_fit() -> None:
    text = "First sentence here. Second one! Third?"
    assert chunk_text(text, 25) == ["First sentence here.", "Second one! Third?"]


def test_long_script_chunks_fit() -> None:
    text = ("This is a sentence of moderate length, with a comma. " * 400).strip()
    chunks = chunk_text(text, 120)
    assert len(chunks) > 100
    assert max(len(c) for c in chunks) <= 120
