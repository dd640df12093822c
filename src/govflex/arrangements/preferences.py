"""A person's roster preferences (slots in order, off-site weekdays, counted hours)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.arrangements.models import RosterPreference
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, ValidationFailed
from govflex.org.access import access_for
from govflex.org.models import Person
from govflex.policies.selectors import policy_for

WORKING_WEEKDAYS = range(7)


@transaction.atomic
def preference_set(
    *,
    actor: Any,
    person: Person,
    slot_ranks: list[str],
    off_site_weekdays: list[int],
    wants_counted_hours: bool,
) -> RosterPreference:
    """Only the person states their own wishes; slots must be the policy's."""
    if access_for(actor).person_id != person.pk:
        raise AccessDenied(_("You can only state your own preferences."))

    policy = policy_for(
        agency_id=person.agency_id, day=timezone.localdate(), unit_id=person.unit_id
    )
    known = {slot.label() for slot in policy.staggered.slots}
    errors: dict[str, list[str]] = {}
    if any(slot not in known for slot in slot_ranks):
        errors["slot_ranks"] = [
            _("Choose slots from the policy: %(slots)s") % {"slots": ", ".join(sorted(known))}
        ]
    if any(day not in WORKING_WEEKDAYS for day in off_site_weekdays):
        errors["off_site_weekdays"] = [_("Weekdays are 0 (Monday) to 6.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    preference, _created = RosterPreference.objects.update_or_create(
        person=person,
        defaults={
            "slot_ranks": list(dict.fromkeys(slot_ranks)),
            "off_site_weekdays": sorted(set(off_site_weekdays)),
            "wants_counted_hours": wants_counted_hours,
        },
    )
    audit_record(
        actor=actor,
        action="roster.preference_set",
        target=preference,
        agency_id=person.agency_id,
        after={
            "slot_ranks": preference.slot_ranks,
            "off_site_weekdays": preference.off_site_weekdays,
            "wants_counted_hours": wants_counted_hours,
        },
    )
    return preference
