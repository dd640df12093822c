"""The demo agency's logins: one per role, each linked to a fitting person."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from govflex.org.models import Agency, Person, Role, RoleGrant, Unit

DEMO_PASSWORD = "govflex-demo"  # noqa: S105 - printed for the demo on purpose  # nosec B105
DEMO_LOGINS = (
    ("admin", "System administrator"),
    ("hr", "HR officer"),
    ("executive", "Executive"),
    ("supervisor", "Supervisor"),
    ("staff", "Staff"),
    ("auditor", "Auditor"),
)


def demo_users(agency: Agency, units: list[Unit], people: list[Person]) -> dict[str, int]:
    """One login per role, each linked to a fitting person of the demo agency."""
    user_model = get_user_model()
    by_code = {u.code: u for u in units}
    in_unit: dict[int, list[Person]] = {}
    for p in people:
        in_unit.setdefault(p.unit_id, []).append(p)
    svc = by_code["SVC"]
    counter = by_code["SVC-C1"]
    picks = {
        "executive": people[0],
        "hr": _member(in_unit, by_code, "HRD"),
        "supervisor": in_unit[svc.pk][0],
        "staff": _member(in_unit, by_code, "SVC-C1", fallback=counter),
        "auditor": _member(in_unit, by_code, "AUD"),
    }
    grants = {
        "executive": (Role.EXECUTIVE, None),
        "hr": (Role.HR, None),
        "supervisor": (Role.SUPERVISOR, svc),
        "auditor": (Role.AUDITOR, None),
    }
    logins: dict[str, int] = {}
    admin = user_model.objects.filter(username="admin").first()
    if admin is None:
        admin = user_model.objects.create_superuser(
            username="admin", password=DEMO_PASSWORD, email=""
        )
    logins["admin"] = admin.pk
    for username, p in picks.items():
        if user_model.objects.filter(username=username).exists():
            continue
        user = user_model.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=p.first_name_th,
            last_name=p.last_name_th,
            email=p.email,
        )
        Person.objects.filter(pk=p.pk).update(user=user)
        if username in grants:
            role, unit = grants[username]
            RoleGrant.objects.create(user=user, agency=agency, role=role, unit=unit)
        logins[username] = user.pk
    return logins


def _member(
    in_unit: dict[int, list[Person]],
    by_code: dict[str, Unit],
    code: str,
    fallback: Unit | None = None,
) -> Person:
    """A non-head member of the unit (or of its first sub-unit that has members)."""
    unit = by_code[code]
    candidates = [u for u in by_code.values() if u.path.startswith(unit.path)]
    for u in candidates:
        members = in_unit.get(u.pk, [])
        if len(members) > 1:
            return members[1]
    return in_unit[(fallback or unit).pk][0]
