"""How a table entry is written. An entry says which objects a route's parameters name and, for
each role, on which variants of those objects the request must get past the permission check:

    page("staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
         refs={"person_id": "person"})

Variants: i = in (the staff member's own, inside the supervisor's subtree of agency A),
o = out (unit B of agency A), f = foreign (agency B). A route without object references lists
only role names ("staff hr admin"). A role not named is denied everywhere: 403/404 when signed
in, the sign-in redirect (pages) or 401 (API) when anonymous.

``refs`` maps a path, query or body parameter to a kind of object of the world ("person",
"unit", ...; "person.staff_id" takes an attribute instead of the primary key)."""

from __future__ import annotations

from dataclasses import dataclass, field

SIGNED_IN = "staff supervisor hr executive auditor admin other central"
EVERYONE = "anonymous " + SIGNED_IN
ALL_VARIANTS = " ".join(f"{role}:iof" for role in SIGNED_IN.split())
LETTERS = {"i": "in", "o": "out", "f": "foreign"}


def _parse(spec: str) -> dict[str, frozenset[str]]:
    rules: dict[str, frozenset[str]] = {}
    for token in spec.split():
        role, _sep, letters = token.partition(":")
        rules[role] = frozenset(LETTERS[c] for c in letters) if letters else frozenset({"*"})
    return rules


@dataclass(frozen=True)
class Rule:
    allow: dict[str, frozenset[str]]
    refs: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)  # other path parameters: fixed values
    query: str = ""  # a fixed query string
    public: str = ""  # why anonymous may use it
    secret: str = ""  # kind whose secret the URL carries (public secret links)
    method: str = "GET"
    free: tuple[str, ...] = ()  # query/body parameters that look like references but are not
    note: str = ""  # an explanation, or a known finding (see docs/security.md)
    ok: tuple[int, ...] = ()  # extra statuses that count as allowed for this entry
    refused: tuple[int, ...] = ()  # extra statuses that count as a refusal (say why in note)
    data: dict[str, str] = field(default_factory=dict)  # a page's form, when empty is not enough
    missing_ok: str = ""  # why a 2xx for an ID that does not exist is tolerated (a finding)
    probe: bool = True  # also ask with IDs that do not exist
    checked_late: str = ""  # the content is judged before the permission (a finding: say where)

    def allowed(self, role: str, variant: str) -> bool:
        found = self.allow.get(role, frozenset())
        return "*" in found or variant in found


def page(spec: str = "", *, post: str | None = None, get: bool = True, **kw: object) -> list[Rule]:
    """A page: GET with ``spec``; when ``post`` is given, also POST (an empty form)."""
    rules = []
    if get:
        rules.append(Rule(_parse(spec), **kw))  # type: ignore[arg-type]
    if post is not None:
        rules.append(Rule(_parse(post), method="POST", **kw))  # type: ignore[arg-type]
    return rules


def post(spec: str, **kw: object) -> list[Rule]:
    """A page that only takes POST (an action button)."""
    return page(post=spec, get=False, **kw)


def api(spec: str, **kw: object) -> Rule:
    """An API operation (its method comes from the schema)."""
    return Rule(_parse(spec), **kw)  # type: ignore[arg-type]
