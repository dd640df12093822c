"""Suitability assessment: the matrix, each consideration, and the matrix mapping."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.enums import PositionType, WorkMode
from govflex.core.messages import CATALOGUE
from govflex.core.policy.values import DEFAULT_POSITION_MODES, PositionModes
from govflex.core.suitability import (
    DEFAULT_MATRIX,
    Answers,
    Matrix,
    MatrixError,
    MissionType,
    ModeVerdict,
    Suitability,
    as_position_modes,
    assess,
    matrix_from_mapping,
    matrix_to_mapping,
    rank,
    summary,
)

R, C, N = Suitability.RECOMMENDED, Suitability.CONDITIONAL, Suitability.NOT_SUITABLE
S, H, OFF = WorkMode.STAGGERED, WorkMode.COUNTED_HOURS, WorkMode.OFF_SITE
PT = PositionType


def neutral(position_type: PositionType, **changes: Any) -> Answers:
    """Answers that change nothing: the matrix alone decides."""
    answers = Answers(
        mission_type=MissionType.POLICY_SUPPORT,
        position_type=position_type,
        face_to_face_service=False,
        service_fully_online=False,
        on_site_equipment=False,
        confidential_information=False,
        supervises_others=False,
        output_measurable=True,
        digital_tools=True,
        field_work=False,
    )
    return replace(answers, **changes)


def by_mode(verdicts: tuple[ModeVerdict, ...]) -> dict[WorkMode, ModeVerdict]:
    return {verdict.mode: verdict for verdict in verdicts}


def matrix_verdict(position_type: PositionType, mode: WorkMode, matrix: Matrix) -> Suitability:
    recommended, conditional = matrix.get(position_type, (frozenset(), frozenset()))
    return R if mode in recommended else C if mode in conditional else N


# ---------------------------------------------------------------- the matrix


@pytest.mark.parametrize(
    ("position_type", "expected"),
    [
        (PT.PUBLIC_CONTACT, {S: R, H: C, OFF: C}),
        (PT.SUPPORT, {S: R, H: R, OFF: R}),
        (PT.STUDY_ANALYSIS_RESEARCH, {S: C, H: R, OFF: R}),
        (PT.AREA_FIELD_WORK, {S: R, H: C, OFF: N}),
        (PT.SUPERVISION_COMMAND, {S: R, H: R, OFF: C}),
    ],
)
def test_neutral_answers_reproduce_the_default_matrix(
    position_type: PositionType, expected: dict[WorkMode, Suitability]
) -> None:
    verdicts = assess(neutral(position_type))
    assert [verdict.mode for verdict in verdicts] == list(WorkMode)
    assert summary(verdicts) == expected
    codes = {
        R: "suit_matrix_recommended",
        C: "suit_matrix_conditional",
        N: "suit_matrix_not_listed",
    }
    for verdict in verdicts:
        assert verdict.codes() == (codes[verdict.suitability],)


def test_matrix_reason_names_mode_and_position_in_thai_and_english() -> None:
    reason = by_mode(assess(neutral(PT.STUDY_ANALYSIS_RESEARCH)))[S].reasons[0]
    assert "ที่ ๑" in reason.th
    assert "งานศึกษา วิเคราะห์ วิจัย" in reason.th
    assert "mode 1" in reason.en
    assert "study/analysis/research" in reason.en


def test_default_matrix_matches_the_policy_defaults() -> None:
    assert {
        entry.position_type: (entry.recommended, entry.conditional)
        for entry in DEFAULT_POSITION_MODES
    } == dict(DEFAULT_MATRIX)


# ---------------------------------------------------------------- each consideration
# (changes, position type, expected summary, {mode: reason code expected there})
CONSIDERATIONS = [
    pytest.param(
        {"face_to_face_service": True},
        PT.PUBLIC_CONTACT,
        {S: R, H: C, OFF: N},
        {OFF: "suit_face_to_face", H: "suit_counted_hours_service"},
        id="face-to-face public contact",
    ),
    pytest.param(
        {"face_to_face_service": True},
        PT.SUPPORT,
        {S: R, H: C, OFF: N},
        {OFF: "suit_face_to_face", H: "suit_counted_hours_service"},
        id="face-to-face support",
    ),
    pytest.param(
        {"face_to_face_service": True, "service_fully_online": True},
        PT.PUBLIC_CONTACT,
        {S: R, H: C, OFF: C},
        {OFF: "suit_online_service", H: "suit_counted_hours_service"},
        id="face-to-face but fully online",
    ),
    pytest.param(
        {"on_site_equipment": True},
        PT.SUPPORT,
        {S: R, H: R, OFF: N},
        {OFF: "suit_on_site_equipment"},
        id="on-site equipment",
    ),
    pytest.param(
        {"confidential_information": True},
        PT.SUPPORT,
        {S: R, H: R, OFF: C},
        {OFF: "suit_confidential"},
        id="confidential with tools",
    ),
    pytest.param(
        {"confidential_information": True, "digital_tools": False},
        PT.SUPPORT,
        {S: R, H: R, OFF: N},
        {OFF: "suit_confidential_no_tools"},
        id="confidential without tools",
    ),
    pytest.param(
        {"output_measurable": False},
        PT.STUDY_ANALYSIS_RESEARCH,
        {S: C, H: R, OFF: C},
        {OFF: "suit_output_not_measurable"},
        id="output not measurable",
    ),
    pytest.param(
        {"digital_tools": False},
        PT.SUPPORT,
        {S: R, H: R, OFF: C},
        {OFF: "suit_no_digital_tools"},
        id="no digital tools",
    ),
    pytest.param(
        {"readiness_gaps": ("laptop", "vpn")},
        PT.STUDY_ANALYSIS_RESEARCH,
        {S: C, H: R, OFF: C},
        {OFF: "suit_readiness_gaps"},
        id="readiness gaps",
    ),
    pytest.param(
        {"supervises_others": True},
        PT.SUPPORT,
        {S: R, H: R, OFF: C},
        {OFF: "suit_supervisor"},
        id="supervisor",
    ),
    pytest.param(
        {"supervises_others": True},
        PT.SUPERVISION_COMMAND,
        {S: R, H: R, OFF: C},
        {OFF: "suit_supervisor"},
        id="supervision position",
    ),
    pytest.param(
        {"field_work": True},
        PT.AREA_FIELD_WORK,
        {S: R, H: C, OFF: N},
        {OFF: "suit_field_work", S: "suit_field_days_travel"},
        id="field work position",
    ),
    pytest.param(
        {"field_work": True},
        PT.SUPPORT,
        {S: R, H: R, OFF: N},
        {OFF: "suit_field_work", S: "suit_field_days_travel"},
        id="field work in a support job",
    ),
    pytest.param(
        {"mission_type": MissionType.CITIZEN_SERVICE},
        PT.SUPPORT,
        {S: R, H: R, OFF: R},
        {OFF: "suit_citizen_service_coverage"},
        id="citizen-service mission is a note",
    ),
]


@pytest.mark.parametrize(("changes", "position_type", "expected", "reasons"), CONSIDERATIONS)
def test_each_consideration_changes_what_it_should(
    changes: dict[str, Any],
    position_type: PositionType,
    expected: dict[WorkMode, Suitability],
    reasons: dict[WorkMode, str],
) -> None:
    before = by_mode(assess(neutral(position_type)))
    after = by_mode(assess(neutral(position_type, **changes)))
    assert summary(after.values()) == expected
    for mode in WorkMode:
        added = after[mode].codes()[len(before[mode].codes()) :]
        assert after[mode].codes()[: len(before[mode].codes())] == before[mode].codes()
        assert added == ((reasons[mode],) if mode in reasons else ())


def test_modes_one_and_two_ignore_the_off_site_considerations() -> None:
    blocked = neutral(
        PT.SUPPORT,
        on_site_equipment=True,
        confidential_information=True,
        digital_tools=False,
        output_measurable=False,
        supervises_others=True,
        readiness_gaps=("laptop",),
    )
    verdicts = by_mode(assess(blocked))
    assert verdicts[S].codes() == ("suit_matrix_recommended",)
    assert verdicts[H].codes() == ("suit_matrix_recommended",)
    assert verdicts[OFF].suitability is N


def test_rule_outs_are_all_said_and_conditions_skipped_once_ruled_out() -> None:
    answers = neutral(
        PT.SUPPORT,
        face_to_face_service=True,
        on_site_equipment=True,
        output_measurable=False,
        supervises_others=True,
    )
    off_site = by_mode(assess(answers))[OFF]
    assert off_site.suitability is N
    assert off_site.codes() == (
        "suit_matrix_recommended",
        "suit_face_to_face",
        "suit_on_site_equipment",
    )


def test_conditions_accumulate_on_an_open_mode() -> None:
    answers = neutral(
        PT.STUDY_ANALYSIS_RESEARCH,
        confidential_information=True,
        output_measurable=False,
        supervises_others=True,
        readiness_gaps=("vpn",),
    )
    off_site = by_mode(assess(answers))[OFF]
    assert off_site.suitability is C
    assert off_site.codes() == (
        "suit_matrix_recommended",
        "suit_confidential",
        "suit_output_not_measurable",
        "suit_readiness_gaps",
        "suit_supervisor",
    )


def test_public_contact_without_face_to_face_service_follows_the_matrix() -> None:
    # A hotline: public contact, nobody served in person.
    assert summary(assess(neutral(PT.PUBLIC_CONTACT)))[OFF] is C


# ---------------------------------------------------------------- fully online


def test_fully_online_lifts_public_contact_off_site_to_conditional() -> None:
    matrix = dict(DEFAULT_MATRIX)
    matrix[PT.PUBLIC_CONTACT] = (frozenset({S}), frozenset({H}))
    assert summary(assess(neutral(PT.PUBLIC_CONTACT), matrix))[OFF] is N
    off_site = by_mode(assess(neutral(PT.PUBLIC_CONTACT, service_fully_online=True), matrix))[OFF]
    assert off_site.suitability is C
    assert off_site.codes() == ("suit_matrix_not_listed", "suit_online_service")


def test_fully_online_does_not_lift_other_position_types() -> None:
    answers = neutral(PT.AREA_FIELD_WORK, service_fully_online=True)
    assert by_mode(assess(answers))[OFF].codes() == ("suit_matrix_not_listed",)


def test_fully_online_lift_still_yields_to_rule_outs() -> None:
    answers = neutral(PT.PUBLIC_CONTACT, service_fully_online=True, on_site_equipment=True)
    assert summary(assess(answers))[OFF] is N


def test_fully_online_never_lowers_a_recommendation() -> None:
    matrix = dict(DEFAULT_MATRIX)
    matrix[PT.PUBLIC_CONTACT] = (frozenset({S, OFF}), frozenset())
    off_site = by_mode(assess(neutral(PT.PUBLIC_CONTACT, service_fully_online=True), matrix))[OFF]
    assert off_site.suitability is R
    assert off_site.codes() == ("suit_matrix_recommended",)


# ---------------------------------------------------------------- readiness gaps


def test_readiness_gaps_are_named_in_thai_and_english() -> None:
    answers = neutral(PT.SUPPORT, readiness_gaps=("laptop", "vpn", "e_saraban", "laptop"))
    reason = by_mode(assess(answers))[OFF].reasons[-1]
    assert reason.code == "suit_readiness_gaps"
    assert "คอมพิวเตอร์พกพา, การเชื่อมต่อเครือข่ายของหน่วยงานจากภายนอก (VPN)" in reason.th
    assert "และ ระบบสารบรรณอิเล็กทรอนิกส์" in reason.th
    assert "a laptop, remote access (VPN) and the e-Saraban document system" in reason.en
    assert reason.en.count("laptop") == 1


def test_unknown_readiness_item_is_shown_as_it_is() -> None:
    reason = by_mode(assess(neutral(PT.SUPPORT, readiness_gaps=("smart_card",))))[OFF].reasons[-1]
    assert "smart_card" in reason.th
    assert "smart_card" in reason.en


def test_every_reason_has_thai_and_english_text() -> None:
    answers = neutral(
        PT.PUBLIC_CONTACT,
        mission_type=MissionType.CITIZEN_SERVICE,
        face_to_face_service=True,
        field_work=True,
        confidential_information=True,
    )
    for verdict in assess(answers):
        for reason in verdict.reasons:
            assert reason.code in CATALOGUE
            assert reason.th
            assert reason.en
            assert "{" not in reason.th + reason.en


# ---------------------------------------------------------------- matrix mapping


def test_matrix_round_trip() -> None:
    data = matrix_to_mapping(DEFAULT_MATRIX)
    assert data["public_contact"] == {
        "recommended": ["staggered"],
        "conditional": ["counted_hours", "off_site"],
    }
    assert list(data) == [position_type.value for position_type in PositionType]
    assert dict(matrix_from_mapping(data)) == dict(DEFAULT_MATRIX)


def test_matrix_edit_is_read_and_missing_rows_keep_the_defaults() -> None:
    matrix = matrix_from_mapping({"support": {"recommended": ["staggered"]}})
    assert matrix[PT.SUPPORT] == (frozenset({S}), frozenset())
    assert matrix[PT.PUBLIC_CONTACT] == DEFAULT_MATRIX[PT.PUBLIC_CONTACT]
    assert summary(assess(neutral(PT.SUPPORT), matrix)) == {S: R, H: N, OFF: N}


@pytest.mark.parametrize(
    ("data", "codes", "paths"),
    [
        ([], ["suit_matrix_invalid"], [""]),
        ({"clerk": {}}, ["suit_matrix_unknown_position"], ["clerk"]),
        ({"support": "all"}, ["suit_matrix_invalid"], ["support"]),
        (
            {"support": {"recommended": "staggered"}},
            ["suit_matrix_invalid"],
            ["support.recommended"],
        ),
        ({"support": {"allowed": []}}, ["suit_matrix_invalid"], ["support.allowed"]),
        (
            {"support": {"recommended": ["staggered", "remote"]}},
            ["suit_matrix_unknown_mode"],
            ["support.recommended[1]"],
        ),
        (
            {"support": {"recommended": ["off_site"], "conditional": ["off_site"]}},
            ["suit_matrix_mode_twice"],
            ["support"],
        ),
        (
            {"clerk": {}, "support": {"conditional": ["mode_4"]}},
            ["suit_matrix_unknown_position", "suit_matrix_unknown_mode"],
            ["clerk", "support.conditional[0]"],
        ),
    ],
)
def test_matrix_validation_errors(data: object, codes: list[str], paths: list[str]) -> None:
    with pytest.raises(MatrixError) as caught:
        matrix_from_mapping(data)
    assert [item.code for item in caught.value.messages] == codes
    assert [item.path for item in caught.value.messages] == paths
    for item in caught.value.messages:
        assert item.th
        assert item.en


def test_mode_twice_error_names_mode_and_position() -> None:
    with pytest.raises(MatrixError) as caught:
        matrix_from_mapping({"support": {"recommended": ["off_site"], "conditional": ["off_site"]}})
    (error,) = caught.value.messages
    assert "ที่ ๓" in error.th
    assert "งานสนับสนุน" in error.th
    assert "mode 3 (off site)" in error.en
    assert "support" in error.en


# ---------------------------------------------------------------- as policy values


def test_as_position_modes() -> None:
    answers = neutral(PT.STUDY_ANALYSIS_RESEARCH, output_measurable=False)
    assert as_position_modes(PT.STUDY_ANALYSIS_RESEARCH, assess(answers)) == PositionModes(
        PT.STUDY_ANALYSIS_RESEARCH, frozenset({H}), frozenset({S, OFF})
    )
    answers = neutral(PT.PUBLIC_CONTACT, face_to_face_service=True)
    assert as_position_modes(PT.PUBLIC_CONTACT, assess(answers)) == PositionModes(
        PT.PUBLIC_CONTACT, frozenset({S}), frozenset({H})
    )


def test_neutral_assessment_gives_back_the_default_policy_values() -> None:
    for entry in DEFAULT_POSITION_MODES:
        assert as_position_modes(entry.position_type, assess(neutral(entry.position_type))) == entry


# ---------------------------------------------------------------- property

matrices = st.fixed_dictionaries(
    {
        position_type: st.tuples(
            st.frozensets(st.sampled_from(list(WorkMode))),
            st.frozensets(st.sampled_from(list(WorkMode))),
        ).map(lambda row: (row[0], row[1] - row[0]))
        for position_type in PositionType
    }
)
answers_strategy = st.builds(
    Answers,
    mission_type=st.sampled_from(list(MissionType)),
    position_type=st.sampled_from(list(PositionType)),
    face_to_face_service=st.booleans(),
    service_fully_online=st.booleans(),
    on_site_equipment=st.booleans(),
    confidential_information=st.booleans(),
    supervises_others=st.booleans(),
    output_measurable=st.booleans(),
    digital_tools=st.booleans(),
    field_work=st.booleans(),
    readiness_gaps=st.lists(st.sampled_from(["laptop", "vpn", "training", "x"])).map(tuple),
)


@given(answers=answers_strategy, matrix=matrices)
def test_verdicts_are_never_better_than_the_matrix_except_fully_online(
    answers: Answers, matrix: Matrix
) -> None:
    for verdict in assess(answers, matrix):
        ceiling = matrix_verdict(answers.position_type, verdict.mode, matrix)
        lifted = (
            verdict.mode is OFF
            and answers.position_type is PT.PUBLIC_CONTACT
            and answers.service_fully_online
        )
        if lifted:
            assert rank(verdict.suitability) <= max(rank(ceiling), rank(C))
        else:
            assert rank(verdict.suitability) <= rank(ceiling)
        if verdict.mode is S:
            assert verdict.suitability is ceiling
        assert verdict.reasons
        assert verdict.reasons[0].code.startswith("suit_matrix_")
