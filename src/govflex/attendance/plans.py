"""What each person is planned to do on a date, as the rules core sees it.

Work arrangements and their approvals are issue 5. Until a person has one, the standard day of
the policy in force applies, on site (Working-time notice: 08:30–16:30 by default), which is
what the core's evaluator does when given no arrangement.
"""

from __future__ import annotations

import datetime as dt

from govflex.core.records import Arrangement
from govflex.org.models import Person


def arrangement_for(*, person: Person, day: dt.date) -> Arrangement | None:
    """The person's arrangement on ``day``; None means the standard day on site."""
    return None
