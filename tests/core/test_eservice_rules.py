"""E-service rules: tracking codes that catch typos, service form definitions and answers,
and the request's status flow."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.eservice.flow import Action, FlowRefused, Status, next_status
from govflex.core.eservice.forms import (
    APPLICANT_FIELDS,
    FieldType,
    FormField,
    clean_answers,
    definition_to_data,
    parse_definition,
)
from govflex.core.eservice.tracking import (
    ALPHABET,
    BODY_LENGTH,
    check_character,
    check_typed,
    display,
    is_valid,
    make_code,
)

bodies = st.text(alphabet=ALPHABET, min_size=BODY_LENGTH, max_size=BODY_LENGTH)


def test_alphabet_has_no_look_alikes_and_a_prime_size() -> None:
    assert not set("01ILO") & set(ALPHABET)
    assert len(ALPHABET) == 31


@given(body=bodies)
def test_a_made_code_is_valid_and_reads_back_from_its_display(body: str) -> None:
    code = make_code(body)
    assert is_valid(code)
    typed = display(code).lower().replace("-", " ")
    assert check_typed(typed).code == code
    assert check_typed(typed).ok


@given(body=bodies, position=st.integers(0, BODY_LENGTH), shift=st.integers(1, 30))
def test_every_single_wrong_character_is_caught(body: str, position: int, shift: int) -> None:
    code = make_code(body)
    wrong = ALPHABET[(ALPHABET.index(code[position]) + shift) % len(ALPHABET)]
    assert not is_valid(code[:position] + wrong + code[position + 1 :])


@given(body=bodies, first=st.integers(0, BODY_LENGTH), second=st.integers(0, BODY_LENGTH))
def test_every_swap_of_two_different_characters_is_caught(
    body: str, first: int, second: int
) -> None:
    code = list(make_code(body))
    if code[first] == code[second]:
        return
    code[first], code[second] = code[second], code[first]
    assert not is_valid("".join(code))


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "tracking_empty"),
        ("ABCD-EFGH-JK0M", "tracking_characters"),
        ("ABCD-EFGH", "tracking_length"),
        ("ABCD-EFGH-JK2M-X", "tracking_length"),
    ],
)
def test_malformed_codes_get_a_check_the_code_message(typed: str, problem: str) -> None:
    result = check_typed(typed)
    assert result.problem is not None
    assert result.problem.code == problem
    assert "ตรวจสอบรหัส" in result.problem.th or problem == "tracking_empty"


def test_a_checksum_typo_is_named_as_such() -> None:
    code = make_code("ABCDEFGHJK2")
    typo = code[:-1] + ALPHABET[(ALPHABET.index(code[-1]) + 1) % 31]
    result = check_typed(typo)
    assert result.problem is not None
    assert result.problem.code == "tracking_checksum"
    assert "Check the code" in result.problem.en


def test_check_character_refuses_a_bad_body() -> None:
    with pytest.raises(ValueError, match="body"):
        check_character("ABC")


GOOD_FORM = [
    {"name": "house_no", "label_th": "บ้านเลขที่", "label_en": "House number", "required": True},
    {"name": "moved_on", "label_th": "วันที่ย้ายเข้า", "type": "date"},
    {"name": "people", "label_th": "จำนวนผู้อยู่อาศัย", "type": "number"},
    {"name": "contact", "label_th": "อีเมลติดต่อ", "type": "email"},
    {"name": "mobile", "label_th": "มือถือ", "type": "phone"},
    {"name": "note", "label_th": "หมายเหตุ", "type": "textarea"},
    {
        "name": "kind",
        "label_th": "ประเภท",
        "type": "choice",
        "required": True,
        "choices": ["ย้ายเข้า", {"value": "out", "label_th": "ย้ายออก", "label_en": "Moving out"}],
    },
]


def test_a_good_definition_parses_and_round_trips() -> None:
    fields, problems = parse_definition(GOOD_FORM)
    assert problems == []
    assert [f.type for f in fields][-1] is FieldType.CHOICE
    again, problems = parse_definition(definition_to_data(fields))
    assert problems == []
    assert again == fields


@pytest.mark.parametrize(
    ("definition", "path"),
    [
        ({"name": "x"}, "fields"),
        ([{"name": "Bad Name", "label_th": "ก"}], "fields.1.name"),
        ([{"name": "a", "label_th": "ก"}, {"name": "a", "label_th": "ข"}], "fields.2.name"),
        ([{"name": "a"}], "fields.1.label_th"),
        ([{"name": "a", "label_th": "ก", "type": "colour"}], "fields.1.type"),
        ([{"name": "a", "label_th": "ก", "required": "yes"}], "fields.1.required"),
        ([{"name": "a", "label_th": "ก", "type": "choice"}], "fields.1.choices"),
        (
            [{"name": "a", "label_th": "ก", "type": "choice", "choices": ["x", "x"]}],
            "fields.1.choices",
        ),
        (["text"], "fields.1"),
        ([{"name": f"f{i}", "label_th": "ก"} for i in range(31)], "fields"),
    ],
)
def test_bad_definitions_say_where(definition: object, path: str) -> None:
    _fields, problems = parse_definition(definition)
    assert path in [p.path for p in problems]
    assert all(p.th and p.en for p in problems)


def test_answers_are_checked_by_type() -> None:
    fields, _problems = parse_definition(GOOD_FORM)
    answers, problems = clean_answers(
        fields,
        {
            "house_no": " 12/3 ",
            "moved_on": "05/03/2569",
            "people": "1,204",
            "contact": "a@example.com",
            "mobile": "081-234-5678",
            "kind": "out",
            "unknown": "ignored",
        },
    )
    assert problems == []
    assert answers == {
        "house_no": "12/3",
        "moved_on": "2026-03-05",
        "people": "1204",
        "contact": "a@example.com",
        "mobile": "081-234-5678",
        "kind": "out",
    }


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("house_no", "", "answer_required"),
        ("moved_on", "31/02/2569", "answer_date"),
        ("people", "many", "answer_number"),
        ("people", "NaN", "answer_number"),
        ("contact", "not-an-address", "answer_email"),
        ("mobile", "12", "answer_phone"),
        ("kind", "sideways", "answer_choice"),
        ("note", "ก" * 5001, "answer_too_long"),
    ],
)
def test_bad_answers_are_named(name: str, value: str, code: str) -> None:
    fields, _problems = parse_definition(GOOD_FORM)
    raw = {"house_no": "1", "kind": "out", name: value}
    _answers, problems = clean_answers(fields, raw)
    assert [(p.path, p.code) for p in problems] == [(name, code)]


def test_applicant_fields_need_a_name_only() -> None:
    _answers, problems = clean_answers(APPLICANT_FIELDS, {})
    assert [p.path for p in problems] == ["applicant_name"]
    assert isinstance(APPLICANT_FIELDS[0], FormField)


@pytest.mark.parametrize(
    ("current", "action", "accepted", "expected"),
    [
        (Status.RECEIVED, Action.ACCEPT, False, Status.IN_PROGRESS),
        (Status.RECEIVED, Action.ASK_INFO, False, Status.INFO_REQUESTED),
        (Status.IN_PROGRESS, Action.ASK_INFO, True, Status.INFO_REQUESTED),
        (Status.INFO_REQUESTED, Action.CITIZEN_REPLY, True, Status.IN_PROGRESS),
        (Status.INFO_REQUESTED, Action.CITIZEN_REPLY, False, Status.RECEIVED),
        (Status.INFO_REQUESTED, Action.ACCEPT, False, Status.IN_PROGRESS),
        (Status.IN_PROGRESS, Action.COMPLETE, True, Status.COMPLETED),
        (Status.INFO_REQUESTED, Action.REJECT, True, Status.REJECTED),
    ],
)
def test_status_moves(current: Status, action: Action, accepted: bool, expected: Status) -> None:
    assert next_status(current, action, was_accepted=accepted) is expected


@pytest.mark.parametrize(
    ("current", "action"),
    [
        (Status.RECEIVED, Action.COMPLETE),
        (Status.COMPLETED, Action.REJECT),
        (Status.REJECTED, Action.ACCEPT),
        (Status.IN_PROGRESS, Action.CITIZEN_REPLY),
        (Status.COMPLETED, Action.ASK_INFO),
    ],
)
def test_moves_that_do_not_apply_are_refused_with_a_reason(current: Status, action: Action) -> None:
    with pytest.raises(FlowRefused) as refused:
        next_status(current, action)
    assert refused.value.reason.th
    assert refused.value.reason.en
