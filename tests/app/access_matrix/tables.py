"""The expectations: one entry per route key (a URL name, or "METHOD /api/v1/path"), plus one
rule for the whole Django admin site (staff accounts only: here, the administrator)."""

from __future__ import annotations

from tests.app.access_matrix.expect import EVERYONE, Rule, page
from tests.app.access_matrix.table_api import API
from tests.app.access_matrix.table_pages import PAGES

# FINDING (third party, administrator only): django-otp's admin config and QR-code views answer
# 500 for a device ID that does not exist, so they are not probed with a missing ID.

ADMIN_FIXED = {"object_id": "1", "content_type_id": "1", "url": "nowhere/", "app_label": "org"}
# The admin site sends everyone else to its own sign-in; the administrator may meet 403/404
# (adding audit entries is refused, a missing object is not found).
ADMIN_SITE = page("admin", fixed=ADMIN_FIXED, ok=(403, 404))

TABLE: dict[str, list[Rule]] = {
    **PAGES,
    **API,
    "admin:login": page(EVERYONE, public="the admin site's sign-in form"),
    "admin:logout": page(
        EVERYONE,
        ok=(405,),
        public="the admin site's sign-out (a redirect; POST only when signed in)",
    ),
    "admin:otp_totp_totpdevice_config": page("admin", refs={"pk": "totp_device"}, probe=False),
    "admin:otp_totp_totpdevice_qrcode": page("admin", refs={"pk": "totp_device"}, probe=False),
}
PREFIXES: dict[str, list[Rule]] = {"admin:": ADMIN_SITE, "admin/": ADMIN_SITE}


def rules_for(key: str) -> list[Rule]:
    if key in TABLE:
        return TABLE[key]
    for prefix, rules in PREFIXES.items():
        if key.startswith(prefix):
            return rules
    return []
