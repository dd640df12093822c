"""Suitability assessment: which of the three work modes suit a position, or a person.

Guideline 2565 (แนวทางการปฏิบัติราชการที่รองรับชีวิตและการทำงานวิถีใหม่) asks agencies to judge
which modes suit each position, and each person where their situation differs, by mission and by
position type. :func:`assess` starts from an editable matrix (position type → recommended modes and
modes allowed with conditions; DOMAIN.md §5, our reading of the Guideline) and then applies the
questionnaire's considerations (:class:`Answers`), each with a reason in Thai and English.

Rules of the game:
- modes 1 and 2 are on site, so the off-site considerations never touch them; only face-to-face
  service limits mode 2 (service hours must stay covered);
- a consideration only ever lowers a verdict, with one exception: a public-contact position whose
  service is fully online may work off site with conditions even where the matrix does not list
  mode 3 (DOMAIN.md §5: "3 only if the service is fully online");
- a consideration that rules a mode out always says so; a condition is only listed for a mode that
  can still be chosen.

The result is a recommendation with reasons; HR accepts it (:func:`as_position_modes`) or edits it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final, TypeAlias

from govflex.core.arrangements import MODE_NAMES, POSITION_NAMES
from govflex.core.enums import PositionType, WorkMode
from govflex.core.messages import Message, message
from govflex.core.policy.values import DEFAULT_POSITION_MODES, PositionModes


class MissionType(StrEnum):
    """Guideline 2565: the agency's missions (values match ``govflex.org.models.MissionType``)."""

    CITIZEN_SERVICE = "citizen_service"
    POLICY_SUPPORT = "policy_support"
    SPECIAL = "special"


class Suitability(StrEnum):
    """How well a mode suits a position: recommended, allowed with conditions, or not suitable."""

    RECOMMENDED = "recommended"
    CONDITIONAL = "conditional"
    NOT_SUITABLE = "not_suitable"


_RANK: Final[Mapping[Suitability, int]] = {
    Suitability.NOT_SUITABLE: 0,
    Suitability.CONDITIONAL: 1,
    Suitability.RECOMMENDED: 2,
}

# Readiness items the shell derives from a person's readiness record; unknown items are shown as
# they are.
READINESS_ITEM_NAMES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "laptop": ("คอมพิวเตอร์พกพา", "a laptop"),
        "vpn": ("การเชื่อมต่อเครือข่ายของหน่วยงานจากภายนอก (VPN)", "remote access (VPN)"),
        "e_signature": ("ลายมือชื่ออิเล็กทรอนิกส์", "an electronic signature"),
        "e_saraban": ("ระบบสารบรรณอิเล็กทรอนิกส์", "the e-Saraban document system"),
        "secure_storage": ("ที่จัดเก็บข้อมูลที่ปลอดภัย", "secure storage"),
        "training": ("การอบรมการใช้เครื่องมือดิจิทัล", "training in the digital tools"),
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Answers:
    """The questionnaire: the Guideline's considerations for one position or one person."""

    mission_type: MissionType
    position_type: PositionType
    face_to_face_service: bool  # serves people in person
    service_fully_online: bool  # the service can be given entirely online
    on_site_equipment: bool  # needs equipment or records only available on site
    confidential_information: bool  # handles secret information that may not leave the premises
    supervises_others: bool
    output_measurable: bool  # results can be measured and reported without being seen
    digital_tools: bool  # has a device, remote access and e-documents to work remotely
    field_work: bool  # works in specific areas in the field
    readiness_gaps: tuple[str, ...] = ()  # missing readiness items, e.g. "laptop", "vpn"


@dataclass(frozen=True, slots=True)
class ModeVerdict:
    """The verdict for one mode, with its reasons in the order the rules applied."""

    mode: WorkMode
    suitability: Suitability
    reasons: tuple[Message, ...]

    def codes(self) -> tuple[str, ...]:
        """The reason codes, for programs and tests."""
        return tuple(reason.code for reason in self.reasons)


# position type -> (recommended modes, modes allowed with conditions)
Matrix: TypeAlias = Mapping[PositionType, tuple[frozenset[WorkMode], frozenset[WorkMode]]]

DEFAULT_MATRIX: Final[Matrix] = MappingProxyType(
    {
        entry.position_type: (entry.recommended, entry.conditional)
        for entry in DEFAULT_POSITION_MODES
    }
)
_EMPTY_ROW: Final = (frozenset[WorkMode](), frozenset[WorkMode]())


class MatrixError(ValueError):
    """A matrix mapping that cannot be read; ``messages`` say where, in Thai and English."""

    def __init__(self, messages: list[Message]) -> None:
        self.messages = messages
        super().__init__("; ".join(f"{item.path}: {item.en}" for item in messages))


def matrix_to_mapping(matrix: Matrix) -> dict[str, dict[str, list[str]]]:
    """The matrix as plain JSON-able values, position types and modes in their enum order."""
    result: dict[str, dict[str, list[str]]] = {}
    for position_type in PositionType:
        if position_type not in matrix:
            continue
        recommended, conditional = matrix[position_type]
        result[position_type.value] = {
            "recommended": [mode.value for mode in WorkMode if mode in recommended],
            "conditional": [mode.value for mode in WorkMode if mode in conditional],
        }
    return result


def matrix_from_mapping(data: object) -> Matrix:
    """Read a matrix written by :func:`matrix_to_mapping` (or edited by HR).

    A position type the mapping leaves out keeps its default row, and a missing list is empty.
    Raises :class:`MatrixError` listing every problem: not a mapping, an unknown position type or
    mode, or a mode both recommended and conditional.
    """
    errors: list[Message] = []
    if not isinstance(data, Mapping):
        raise MatrixError([message("suit_matrix_invalid", value=type(data).__name__)])
    rows: dict[PositionType, tuple[frozenset[WorkMode], frozenset[WorkMode]]] = dict(DEFAULT_MATRIX)
    for key, row in data.items():
        path = str(key)
        try:
            position_type = PositionType(key)
        except ValueError:
            errors.append(message("suit_matrix_unknown_position", path=path, value=path))
            continue
        if not isinstance(row, Mapping):
            errors.append(message("suit_matrix_invalid", path=path, value=type(row).__name__))
            continue
        errors.extend(
            message("suit_matrix_invalid", path=f"{path}.{field}", value=str(field))
            for field in row
            if field not in ("recommended", "conditional")
        )
        recommended = _read_modes(row.get("recommended", ()), f"{path}.recommended", errors)
        conditional = _read_modes(row.get("conditional", ()), f"{path}.conditional", errors)
        errors.extend(
            message("suit_matrix_mode_twice", path=path, **_names(mode, position_type))
            for mode in WorkMode
            if mode in recommended and mode in conditional
        )
        rows[position_type] = (recommended, conditional)
    if errors:
        raise MatrixError(errors)
    return MappingProxyType(rows)


def _read_modes(raw: object, path: str, errors: list[Message]) -> frozenset[WorkMode]:
    if isinstance(raw, str) or not isinstance(raw, Iterable):
        errors.append(message("suit_matrix_invalid", path=path, value=type(raw).__name__))
        return frozenset()
    modes: set[WorkMode] = set()
    for index, item in enumerate(raw):
        try:
            modes.add(WorkMode(item))
        except ValueError:
            errors.append(
                message("suit_matrix_unknown_mode", path=f"{path}[{index}]", value=str(item))
            )
    return frozenset(modes)


def _names(mode: WorkMode, position_type: PositionType) -> dict[str, str]:
    mode_th, mode_en = MODE_NAMES[mode]
    position_th, position_en = POSITION_NAMES[position_type]
    return {
        "mode_th": mode_th,
        "mode_en": mode_en,
        "position_th": position_th,
        "position_en": position_en,
    }


def _join(items: list[str], last: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def readiness_message(gaps: Iterable[str]) -> Message:
    """The ``suit_readiness_gaps`` reason naming each missing item (in the order given, once)."""
    unique = list(dict.fromkeys(gaps))
    names = [READINESS_ITEM_NAMES.get(item, (item, item)) for item in unique]
    return message(
        "suit_readiness_gaps",
        items_th=_join([th for th, _ in names], "และ"),
        items_en=_join([en for _, en in names], "and"),
    )


class _Draft:
    """One mode's verdict while the rules run."""

    def __init__(self, suitability: Suitability, reason: Message) -> None:
        self.suitability = suitability
        self.reasons = [reason]

    def rule_out(self, reason: Message) -> None:
        """The mode does not suit: always said, even when something else already ruled it out."""
        self.suitability = Suitability.NOT_SUITABLE
        self.reasons.append(reason)

    def condition(self, reason: Message) -> None:
        """At most allowed with conditions; the condition is only listed if the mode is open."""
        if self.suitability is Suitability.NOT_SUITABLE:
            return
        self.suitability = Suitability.CONDITIONAL
        self.reasons.append(reason)

    def note(self, reason: Message) -> None:
        """Information that changes nothing, for a mode that can be chosen."""
        if self.suitability is not Suitability.NOT_SUITABLE:
            self.reasons.append(reason)


def assess(answers: Answers, matrix: Matrix = DEFAULT_MATRIX) -> tuple[ModeVerdict, ...]:
    """One verdict per mode, in :class:`WorkMode` order, each with its reasons."""
    drafts = _from_matrix(answers.position_type, matrix)
    _off_site_rules(answers, drafts[WorkMode.OFF_SITE])
    _on_site_rules(answers, drafts[WorkMode.STAGGERED], drafts[WorkMode.COUNTED_HOURS])
    return tuple(
        ModeVerdict(mode, drafts[mode].suitability, tuple(drafts[mode].reasons))
        for mode in WorkMode
    )


def _from_matrix(position_type: PositionType, matrix: Matrix) -> dict[WorkMode, _Draft]:
    # DOMAIN.md §5 (our reading of Guideline 2565), as edited by HR: the starting point.
    recommended, conditional = matrix.get(position_type, _EMPTY_ROW)
    drafts: dict[WorkMode, _Draft] = {}
    for mode in WorkMode:
        names = _names(mode, position_type)
        if mode in recommended:
            suitability, code = Suitability.RECOMMENDED, "suit_matrix_recommended"
        elif mode in conditional:
            suitability, code = Suitability.CONDITIONAL, "suit_matrix_conditional"
        else:
            suitability, code = Suitability.NOT_SUITABLE, "suit_matrix_not_listed"
        drafts[mode] = _Draft(suitability, message(code, **names))
    return drafts


def _off_site_rules(answers: Answers, off_site: _Draft) -> None:
    # Off site for public contact: DOMAIN.md §5 allows mode 3 "only if the service is fully
    # online" (our reading of Guideline 2565). The only rule that raises a verdict: a fully online
    # public-contact service may work off site with conditions even where the matrix leaves mode 3
    # out; where the matrix already allows it with conditions, this is the condition being met.
    if (
        answers.position_type is PositionType.PUBLIC_CONTACT
        and answers.service_fully_online
        and off_site.suitability is not Suitability.RECOMMENDED
    ):
        off_site.suitability = Suitability.CONDITIONAL
        off_site.reasons.append(message("suit_online_service"))

    # ---- what rules mode 3 out (the reason is always given)
    # Guideline 2565: service to the public must not suffer; in-person service needs people on site.
    # A public-contact job that serves nobody in person (a hotline) is left to the matrix.
    if answers.face_to_face_service and not answers.service_fully_online:
        off_site.rule_out(message("suit_face_to_face"))
    # Guideline 2565: work that needs equipment, tools or records only kept on site.
    if answers.on_site_equipment:
        off_site.rule_out(message("suit_on_site_equipment"))
    # Guideline 2565 (information security): secret information without secure digital tools.
    if answers.confidential_information and not answers.digital_tools:
        off_site.rule_out(message("suit_confidential_no_tools"))
    # Our reading: field days are official travel (ไปราชการ) under the travel rules, not mode 3,
    # so a field worker's days away are recorded as travel and mode 3 is not offered.
    if answers.field_work:
        off_site.rule_out(message("suit_field_work"))

    # ---- what leaves mode 3 open only with conditions (listed while mode 3 is still open)
    # Guideline 2565 (information security): secure channels and storage the agency sets.
    if answers.confidential_information and answers.digital_tools:
        off_site.condition(message("suit_confidential"))
    # Off-site regulation 2565: a plan and a result report for each off-site day; work that cannot
    # be measured from outside depends on them.
    if not answers.output_measurable:
        off_site.condition(message("suit_output_not_measurable"))
    # Guideline 2565: the agency provides the digital tools and readiness for off-site work.
    if not answers.digital_tools:
        off_site.condition(message("suit_no_digital_tools"))
    if answers.readiness_gaps:
        off_site.condition(readiness_message(answers.readiness_gaps))
    # DOMAIN.md §5 (our reading): a supervisor off site must stay reachable and the unit covered.
    if answers.supervises_others:
        off_site.condition(message("suit_supervisor"))
    # DOMAIN.md §5, coverage always wins: service points keep their minimum staff on site; the
    # roster checks it day by day, so this is a note, not a change.
    if answers.mission_type is MissionType.CITIZEN_SERVICE:
        off_site.note(message("suit_citizen_service_coverage"))


def _on_site_rules(answers: Answers, staggered: _Draft, counted: _Draft) -> None:
    # Modes 1 and 2 are on site: the off-site considerations never touch them.
    # Our reading: counted hours let people come and go; in-person service hours must stay covered.
    if answers.face_to_face_service:
        counted.condition(message("suit_counted_hours_service"))
    # DOMAIN.md §5: area-specific field work is mode 1, field days being official travel.
    if answers.field_work:
        staggered.note(message("suit_field_days_travel"))


def summary(verdicts: Iterable[ModeVerdict]) -> dict[WorkMode, Suitability]:
    """Mode → suitability, for a compact display or comparison."""
    return {verdict.mode: verdict.suitability for verdict in verdicts}


def as_position_modes(
    position_type: PositionType, verdicts: Iterable[ModeVerdict]
) -> PositionModes:
    """An accepted assessment as policy values.

    Recommended modes become recommended, conditional ones conditional; the rest are left out.
    """
    verdicts = tuple(verdicts)
    return PositionModes(
        position_type,
        frozenset(v.mode for v in verdicts if v.suitability is Suitability.RECOMMENDED),
        frozenset(v.mode for v in verdicts if v.suitability is Suitability.CONDITIONAL),
    )


def rank(suitability: Suitability) -> int:
    """0 not suitable, 1 conditional, 2 recommended: for comparing verdicts."""
    return _RANK[suitability]
