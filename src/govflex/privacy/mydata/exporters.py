"""GovFlex's exporters of a person's own data, imported in the order their sections appear.

Rule for every exporter: rows about the subject only, and no field that names or identifies
someone else — who decided, reviewed, recorded or created something is left out (the decision
itself stays), as are a swap partner and other assignees.
"""

from govflex.privacy.mydata import attendance, people, records, work

__all__ = ["attendance", "people", "records", "work"]
