"""Thai and English search: normalising, splitting a query into words, matching, snippets."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from govflex.core import thaisearch
from govflex.core.thaisearch import index_text, matches, normalise, parse, rank, snippet

WORDS = ("รายงาน", "การ", "ประชุม", "งบประมาณ", "ประจำ", "เดือน", "ส่ง", "ให้")


def dictionary_segmenter(text: str) -> Sequence[str]:
    """Longest match over a small dictionary; unknown letters come out one by one."""
    out, at = [], 0
    while at < len(text):
        word = max((w for w in WORDS if text.startswith(w, at)), key=len, default=text[at])
        out.append(word)
        at += len(word)
    return out


def test_normalise_makes_typing_habits_equal() -> None:
    assert normalise("  Report\u200bของ\tงาน  ") == "reportของ งาน"
    assert normalise("ทํางาน") == normalise("ทำงาน")  # nikhahit + sara aa == sara am
    assert normalise("e\u0301") == "\u00e9"


def test_a_thai_query_without_spaces_is_split_into_words() -> None:
    query = parse("รายงานงบประมาณ", dictionary_segmenter)
    assert query.terms == ("รายงาน", "งบประมาณ")
    text = index_text("ส่งรายงานการใช้งบประมาณประจำเดือนให้ผู้อำนวยการ")
    assert matches(query, text)
    assert not matches(parse("รายงานการประชุม", dictionary_segmenter), text)


def test_a_word_in_the_middle_of_a_sentence_is_found() -> None:
    text = index_text("วันนี้ตรวจสอบเอกสารประกอบการประชุมคณะกรรมการเรียบร้อยแล้ว")
    assert matches(parse("ประชุม", dictionary_segmenter), text)


def test_english_is_case_insensitive_and_mixed_queries_work() -> None:
    text = index_text("Draft the KPI report", "ส่งรายงานให้ผู้อำนวยการ")
    assert matches(parse("kpi รายงาน", dictionary_segmenter), text)
    assert not matches(parse("budget", dictionary_segmenter), text)


def test_noise_and_empty_queries_match_nothing() -> None:
    assert parse("  ,, ", dictionary_segmenter).empty
    assert parse("a ๆ", dictionary_segmenter).empty
    assert not matches(parse("", dictionary_segmenter), "anything")


def test_single_letters_stay_with_their_neighbour() -> None:
    # "ซ" is not in the dictionary: it joins the word before instead of matching everything.
    assert parse("ประชุมซ", dictionary_segmenter).terms == ("ประชุมซ",)


def test_long_queries_keep_the_longest_words() -> None:
    query = parse(" ".join(f"word{n:02d}" for n in range(20)) + " งบประมาณ", dictionary_segmenter)
    assert len(query.terms) == thaisearch.MAX_TERMS


def test_rank_puts_the_whole_phrase_first() -> None:
    query = parse("รายงาน ประชุม", dictionary_segmenter)
    phrase = index_text("รายงาน ประชุม ประจำเดือน")
    scattered = index_text("ประชุม แล้วส่ง รายงาน รายงาน")
    assert rank(query, phrase) > rank(query, scattered)


def test_snippet_marks_the_first_match() -> None:
    query = parse("งบประมาณ", dictionary_segmenter)
    before, match, after = snippet(query, "ก" * 100 + "งบประมาณ" + "ข" * 100, width=20)
    assert match == "งบประมาณ"
    assert before.startswith("…")
    assert after.endswith("…")
    assert snippet(query, "nothing here")[1] == ""


@given(st.text(alphabet="กขคงจรายงานประชุม abcXYZ,.", max_size=40))
def test_every_record_containing_the_query_matches(text: str) -> None:
    """Whatever the query, a text that contains it verbatim is found."""
    query = parse(text, dictionary_segmenter)
    if not query.empty:
        assert matches(query, index_text("ก่อน " + text + " หลัง"))
