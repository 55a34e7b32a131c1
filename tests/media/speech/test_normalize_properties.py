"""Properties: to_spoken never raises on any text, keeps the line count and is idempotent on its output."""

from hypothesis import given, settings
from hypothesis import strategies as st

from media.speech.normalize import to_spoken

SEED_ALPHABET = st.sampled_from(
    list("0123456789/-.,:;%()hđĐ \n\tCPNQUBNDHĐTWKLI") + ["tháng ", "ngày ", "số ", "năm ", "CCHC", "😀", "\x00"]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_keeps_line_count(text: str):
    spoken = to_spoken(text)
    assert isinstance(spoken, str)
    assert spoken.count("\n") == text.count("\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(SEED_ALPHABET, max_size=40).map("".join))
def test_document_like_text_keeps_line_count_and_drops_controls_and_emoji(text: str):
    spoken = to_spoken(text)
    assert spoken.count("\n") == text.count("\n")
    assert "\x00" not in spoken and "😀" not in spoken


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_every_number_in_range_reads_in_words(value: int):
    spoken = to_spoken(f"có {value} người")
    assert not any(ch.isdigit() for ch in spoken)
