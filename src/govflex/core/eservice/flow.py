"""The status flow of a citizen's request and which staff or citizen action moves it.

received ──accept──> in progress ──complete──> completed
   │  └──ask for information──> information requested <──ask── in progress
   │                                │ citizen replies (or staff accept again): back to work,
   │                                │ the SLA clock runs again
   └──────────── reject (any open state, with a reason) ──────────> rejected
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from govflex.core.messages import Message


class Status(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    INFO_REQUESTED = "info_requested"
    COMPLETED = "completed"
    REJECTED = "rejected"


class Action(StrEnum):
    ACCEPT = "accept"
    ASK_INFO = "ask_info"
    CITIZEN_REPLY = "citizen_reply"
    COMPLETE = "complete"
    REJECT = "reject"


OPEN: Final = frozenset({Status.RECEIVED, Status.IN_PROGRESS, Status.INFO_REQUESTED})
CLOSED: Final = frozenset({Status.COMPLETED, Status.REJECTED})
# The clock runs while the agency works on the request; it stops while the citizen is asked.
CLOCK_RUNS: Final = frozenset({Status.RECEIVED, Status.IN_PROGRESS})

_MOVES: Final[dict[tuple[Status, Action], Status]] = {
    (Status.RECEIVED, Action.ACCEPT): Status.IN_PROGRESS,
    (Status.INFO_REQUESTED, Action.ACCEPT): Status.IN_PROGRESS,
    (Status.RECEIVED, Action.ASK_INFO): Status.INFO_REQUESTED,
    (Status.IN_PROGRESS, Action.ASK_INFO): Status.INFO_REQUESTED,
    (Status.IN_PROGRESS, Action.COMPLETE): Status.COMPLETED,
    (Status.RECEIVED, Action.REJECT): Status.REJECTED,
    (Status.IN_PROGRESS, Action.REJECT): Status.REJECTED,
    (Status.INFO_REQUESTED, Action.REJECT): Status.REJECTED,
}

_REFUSALS: Final[dict[Action, tuple[str, str]]] = {
    Action.ACCEPT: (
        "รับเรื่องได้เฉพาะคำขอที่ยังไม่ได้ดำเนินการหรือรอข้อมูลเพิ่มเติม",
        "Only a new request, or one waiting for information, can be accepted.",
    ),
    Action.ASK_INFO: (
        "ขอข้อมูลเพิ่มเติมได้เฉพาะคำขอที่อยู่ระหว่างดำเนินการ",
        "More information can be asked only for an open request being worked on.",
    ),
    Action.CITIZEN_REPLY: (
        "คำขอนี้ไม่ได้รอข้อมูลเพิ่มเติมจากท่าน",
        "This request is not waiting for information from you.",
    ),
    Action.COMPLETE: (
        "ต้องรับเรื่องก่อนจึงจะบันทึกว่าดำเนินการเสร็จสิ้นได้",
        "Accept the request before completing it.",
    ),
    Action.REJECT: ("คำขอนี้ปิดแล้ว", "This request is already closed."),
}


def next_status(current: Status, action: Action, *, was_accepted: bool = False) -> Status:
    """The status after ``action``; raises :class:`FlowRefused` when it does not apply.

    A citizen's reply sends the request back to where it stood before the question: in
    progress if staff had accepted it, received otherwise.
    """
    if action is Action.CITIZEN_REPLY and current is Status.INFO_REQUESTED:
        return Status.IN_PROGRESS if was_accepted else Status.RECEIVED
    found = _MOVES.get((current, action))
    if found is None:
        raise FlowRefused(refusal(action))
    return found


def refusal(action: Action) -> Message:
    th, en = _REFUSALS[action]
    return Message(code=f"flow_{action.value}_refused", th=th, en=en, params=(), path="status")


class FlowRefused(Exception):
    def __init__(self, reason: Message) -> None:
        self.reason = reason
        super().__init__(reason.en)
