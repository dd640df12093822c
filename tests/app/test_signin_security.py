"""Sign-in security (issue 10, point 1): two-factor sign-in by role, enrolment, verification,
backup codes, reset; lockout; password rules (NIST SP 800-63B); session expiry; OpenID Connect."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from govflex.accounts.privilege import two_factor_required
from govflex.common.models import AuditEntry
from govflex.org.models import Role
from tests.factories import PersonFactory, UserFactory, grant
from tests.factories.signin import current_code, login_verified, totp_device

PASSWORD = "correct-horse-battery"  # the factories' password  # pragma: allowlist secret


@pytest.fixture
def require_2fa(settings: Any) -> None:
    settings.GOVFLEX_REQUIRE_2FA = True


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def password_login(username: str, *, address: str = "10.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


# ------------------------------------------------------------------ who must use a second factor
@pytest.mark.parametrize(
    ("role", "required"),
    [
        (Role.HR, True),
        (Role.EXECUTIVE, True),
        (Role.AUDITOR, True),
        (Role.SUPERVISOR, False),
        (None, False),  # staff
    ],
)
def test_second_factor_is_required_for_privileged_roles(
    org: dict[str, Any], require_2fa: None, role: str | None, required: bool
) -> None:
    user = UserFactory()
    PersonFactory(unit=org["unit_a"], user=user)
    if role is not None:
        grant(user, org["agency"], role, org["unit_a"] if role == Role.SUPERVISOR else None)
    assert two_factor_required(user) is required


def test_administrators_and_django_staff_need_a_second_factor(db: Any, require_2fa: None) -> None:
    assert two_factor_required(UserFactory(is_superuser=True))
    assert two_factor_required(UserFactory(is_staff=True))


def test_the_demo_setting_switches_the_requirement_off(hr: Any, settings: Any) -> None:
    settings.GOVFLEX_REQUIRE_2FA = False
    assert not two_factor_required(hr)
    assert password_login(hr.username).get("/").status_code == 200


# ------------------------------------------------------------------ enrolment
def test_required_user_can_do_nothing_before_enrolling(hr: Any, require_2fa: None) -> None:
    client = password_login(hr.username)
    for path in ("/", "/org/people/", "/accounts/preferences/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/two-factor/setup/"), path
    api = client.get("/api/v1/me")
    assert api.status_code == 403
    assert api.json()["code"] == "two_factor_required"


def test_enrolment_shows_a_qr_code_and_confirms_with_a_code(hr: Any, require_2fa: None) -> None:
    client = password_login(hr.username)
    page = client.get("/accounts/two-factor/setup/?next=/org/people/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=hr, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/GovFlex")

    wrong = client.post("/accounts/two-factor/setup/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.filter(user=hr, confirmed=True).exists()

    done = client.post(
        "/accounts/two-factor/setup/", {"code": current_code(device), "next": "/org/people/"}
    )
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=hr).count() == 10
    assert client.get("/org/people/").status_code == 200  # this session is verified
    assert AuditEntry.objects.filter(action="user.2fa_enrol", target_id=str(hr.pk)).exists()


def test_replacing_the_authenticator_needs_the_current_one(hr: Any, require_2fa: None) -> None:
    totp_device(hr)
    client = password_login(hr.username)
    response = client.get("/accounts/two-factor/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/verify/")


# ------------------------------------------------------------------ verification at sign-in
def test_sign_in_asks_for_the_code_then_lets_in(hr: Any, require_2fa: None) -> None:
    device = totp_device(hr)
    client = password_login(hr.username)
    response = client.get("/org/people/")
    assert response["Location"] == "/accounts/two-factor/verify/?next=%2Forg%2Fpeople%2F"
    wrong = client.post("/accounts/two-factor/verify/", {"code": "123456", "next": "/org/people/"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code made the device wait; skip the wait
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(
        "/accounts/two-factor/verify/", {"code": current_code(device), "next": "/org/people/"}
    )
    assert right["Location"] == "/org/people/"
    assert client.get("/org/people/").status_code == 200


def test_wrong_codes_make_the_device_wait(hr: Any, require_2fa: None) -> None:
    device = totp_device(hr)
    client = password_login(hr.username)
    client.post("/accounts/two-factor/verify/", {"code": "111111"})
    # The right code is refused while the device waits after a failure (django-otp throttling).
    client.post("/accounts/two-factor/verify/", {"code": current_code(device)})
    assert client.get("/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


def test_a_backup_code_works_once(hr: Any, require_2fa: None) -> None:
    totp_device(hr)
    client = login_verified(Client(), hr)
    codes = client.post("/accounts/two-factor/backup-codes/").context["codes"]
    first = password_login(hr.username)
    assert first.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 302
    assert first.get("/").status_code == 200
    again = password_login(hr.username, address="10.0.0.2")
    assert again.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 200
    assert again.get("/").status_code == 302


def test_optional_staff_sign_in_with_a_password_until_they_enrol(
    org: dict[str, Any], require_2fa: None
) -> None:
    user = UserFactory()
    PersonFactory(unit=org["unit_a"], user=user)
    assert password_login(user.username).get("/").status_code == 200
    totp_device(user)
    assert password_login(user.username, address="10.0.0.3").get("/").status_code == 302
    verified = login_verified(Client(), user)
    verified.post("/accounts/two-factor/disable/")
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_a_required_user_cannot_switch_it_off(hr: Any, require_2fa: None) -> None:
    totp_device(hr)
    client = login_verified(Client(), hr)
    client.post("/accounts/two-factor/disable/")
    assert TOTPDevice.objects.filter(user=hr).exists()


def test_an_administrator_resets_a_second_factor_audited(hr: Any, require_2fa: None) -> None:
    totp_device(hr)
    admin = UserFactory(is_superuser=True)
    client = login_verified(Client(), admin)
    response = client.post(
        "/accounts/sign-in-security/", {"action": "reset", "reset-username": hr.username}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=hr).exists()
    entry = AuditEntry.objects.get(action="user.2fa_reset")
    assert entry.actor_id == admin.pk
    assert entry.target_id == str(hr.pk)
    # Next sign-in: enrol again.
    assert (
        password_login(hr.username).get("/")["Location"].startswith("/accounts/two-factor/setup/")
    )


def test_only_administrators_reset_or_unlock(hr: Any) -> None:
    client = Client()
    client.force_login(hr)
    assert client.get("/accounts/sign-in-security/").status_code == 403
    response = client.post(
        "/accounts/sign-in-security/", {"action": "reset", "reset-username": hr.username}
    )
    assert response.status_code == 403


# ------------------------------------------------------------------ lockout
def test_five_wrong_passwords_lock_the_username_at_that_address(hr: Any) -> None:
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": hr.username, "password": "nope"})
        assert response.status_code == 200
    locked = client.post("/accounts/login/", {"username": hr.username, "password": "nope"})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 15 * 60
    assert "ลองใหม่" in locked.content.decode()  # Thai by default
    # Even the right password is refused while locked ...
    again = client.post("/accounts/login/", {"username": hr.username, "password": PASSWORD})
    assert again.status_code == 429
    # ... but the same username from another address is not locked.
    other = Client(REMOTE_ADDR="192.0.2.99")
    assert (
        other.post("/accounts/login/", {"username": hr.username, "password": PASSWORD})["Location"]
        == "/"
    )


def test_lockout_message_in_english(hr: Any) -> None:
    client = Client(REMOTE_ADDR="192.0.2.11", HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["govflex_language"] = "en"
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": hr.username, "password": "x"})
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()


def test_an_administrator_unlocks_a_sign_in(hr: Any) -> None:
    client = Client(REMOTE_ADDR="192.0.2.12")
    for _ in range(5):
        client.post("/accounts/login/", {"username": hr.username, "password": "x"})
    admin = login_verified(Client(), UserFactory(is_superuser=True))
    page = admin.get("/accounts/sign-in-security/")
    assert hr.username in page.content.decode()
    admin.post("/accounts/sign-in-security/", {"action": "unlock", "unlock-username": hr.username})
    assert AuditEntry.objects.filter(action="user.lockout_clear").exists()
    response = client.post("/accounts/login/", {"username": hr.username, "password": PASSWORD})
    assert response.status_code == 302


# ------------------------------------------------------------------ password rules
@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("abcdefg", False),  # 7 characters
        ("wind-tea", True),  # 8 characters, no digit, no capital: no composition rules
        ("ลมหนาวมาแล้วนะ", True),  # Thai is fine
        ("ก" * 64, True),  # long passphrases are allowed (NIST: at least 64)
        ("x" * 129, False),  # but not unbounded
        ("password", False),  # common
        ("qwerty123", False),  # common
        ("govflex2569", False),  # the service's own name
    ],
)
def test_password_rules_for_staff(db: Any, password: str, ok: bool) -> None:
    user = UserFactory(username="somchai.j")
    if ok:
        validate_password(password, user)
    else:
        with pytest.raises(ValidationError):
            validate_password(password, user)


def test_privileged_roles_need_twelve_characters(hr: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_password("eleven-char", hr)
    assert caught.value.error_list[0].code == "password_too_short"
    validate_password("twelve-chars", hr)


def test_password_too_close_to_the_username_is_refused(db: Any) -> None:
    user = UserFactory(username="wiratchada")
    with pytest.raises(ValidationError):
        validate_password("wiratchada1", user)


def test_password_messages_are_in_thai(db: Any) -> None:
    with translation.override("th"), pytest.raises(ValidationError) as caught:
        validate_password("short", UserFactory())
    assert "อักขระ" in caught.value.messages[0]


# ------------------------------------------------------------------ session expiry
@pytest.fixture
def clock() -> Any:
    with mock.patch("govflex.accounts.signin_middleware.time") as fake:
        fake.time.return_value = 1_000_000.0
        yield fake


def test_privileged_session_ends_after_thirty_idle_minutes(hr: Any, clock: Any) -> None:
    client = Client()
    client.force_login(hr)
    assert client.get("/").status_code == 200
    clock.time.return_value += 29 * 60
    assert client.get("/").status_code == 200
    clock.time.return_value += 31 * 60
    response = client.get("/org/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/").status_code == 302  # signed out


def test_staff_sessions_idle_longer(org: dict[str, Any], clock: Any) -> None:
    user = UserFactory()
    PersonFactory(unit=org["unit_a"], user=user)
    client = Client()
    client.force_login(user)
    client.get("/")
    clock.time.return_value += 60 * 60
    assert client.get("/").status_code == 200
    clock.time.return_value += 121 * 60
    assert client.get("/").status_code == 302


def test_sessions_end_after_the_absolute_lifetime(org: dict[str, Any], clock: Any) -> None:
    user = UserFactory()
    PersonFactory(unit=org["unit_a"], user=user)
    client = Client()
    client.force_login(user)
    client.get("/")
    for _ in range(13):  # active every hour, still ends after 12 hours
        clock.time.return_value += 60 * 60
        response = client.get("/")
    assert response.status_code == 302


def test_api_session_expiry_answers_in_the_api_format(hr: Any, clock: Any) -> None:
    client = Client()
    client.force_login(hr)
    client.get("/api/v1/me")
    clock.time.return_value += 31 * 60
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == "session_expired"


# ------------------------------------------------------------------ OpenID Connect (mocked)
OIDC = {
    "GOVFLEX_OIDC_ENABLED": True,
    "OIDC_RP_CLIENT_ID": "govflex",
    "OIDC_RP_CLIENT_SECRET": "s3cret",  # pragma: allowlist secret
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://sso.example.go.th/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://sso.example.go.th/token",
    "OIDC_OP_USER_ENDPOINT": "https://sso.example.go.th/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://sso.example.go.th/jwks",
    "GOVFLEX_OIDC_STAFF_ID_CLAIM": "staff_id",
    "AUTHENTICATION_BACKENDS": [
        "govflex.accounts.lockout.LockoutBackend",
        "django.contrib.auth.backends.ModelBackend",
        "govflex.accounts.oidc.OrganisationOIDCBackend",
    ],
}


@pytest.fixture
def oidc(settings: Any) -> None:
    for name, value in OIDC.items():
        setattr(settings, name, value)


def oidc_callback(claims: dict[str, Any]) -> Client:
    """Run the callback with the provider mocked: the token exchange, the ID token check and
    the user-info call of the library's backend answer with ``claims``."""
    from govflex.accounts.oidc import OrganisationOIDCBackend

    client = Client()
    session = client.session
    session["oidc_states"] = {"st4te": {"nonce": "n0nce", "code_verifier": "v" * 64}}
    session.save()
    with (
        mock.patch.object(
            OrganisationOIDCBackend,
            "get_token",
            return_value={"id_token": "id", "access_token": "acc"},
        ),
        mock.patch.object(OrganisationOIDCBackend, "verify_token", return_value={"sub": "1"}),
        mock.patch.object(OrganisationOIDCBackend, "get_userinfo", return_value=claims),
    ):
        client.get("/accounts/oidc/callback/", {"code": "c0de", "state": "st4te"})
    return client


def test_oidc_is_off_unless_configured(db: Any) -> None:
    assert Client().get("/accounts/oidc/start/").status_code == 404
    assert "oidc" not in Client().get("/accounts/login/").content.decode()


def test_oidc_start_redirects_to_the_provider(db: Any, oidc: None) -> None:
    client = Client()
    assert "/accounts/oidc/start/" in client.get("/accounts/login/").content.decode()
    response = client.get("/accounts/oidc/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://sso.example.go.th/authorize?")
    assert "client_id=govflex" in response["Location"]
    assert "code_challenge=" in response["Location"]  # PKCE


def test_oidc_signs_in_the_person_with_that_email(org: dict[str, Any], oidc: None) -> None:
    user = UserFactory()
    PersonFactory(unit=org["unit_a"], user=user, email="malee@example.go.th")
    client = oidc_callback({"email": "Malee@example.go.th", "email_verified": True})
    assert int(client.session["_auth_user_id"]) == user.pk


def test_oidc_maps_by_staff_id(org: dict[str, Any], oidc: None) -> None:
    user = UserFactory()
    person = PersonFactory(unit=org["unit_a"], user=user)
    client = oidc_callback({"staff_id": person.staff_id})
    assert int(client.session["_auth_user_id"]) == user.pk


def test_oidc_never_creates_users_or_trusts_unverified_email(
    org: dict[str, Any], oidc: None
) -> None:
    user = UserFactory(email="somsri@example.go.th")
    unknown = oidc_callback({"email": "nobody@example.go.th"})
    assert "_auth_user_id" not in unknown.session
    unverified = oidc_callback({"email": user.email, "email_verified": False})
    assert "_auth_user_id" not in unverified.session


def test_oidc_sign_in_still_asks_for_the_second_factor(
    hr: Any, oidc: None, require_2fa: None, settings: Any
) -> None:
    hr.email = "hr@example.go.th"
    hr.save()
    client = oidc_callback({"email": hr.email})
    assert client.get("/")["Location"].startswith("/accounts/two-factor/setup/")
    settings.GOVFLEX_OIDC_TRUSTS_MFA = True
    trusted = oidc_callback({"email": hr.email})
    assert trusted.get("/").status_code == 200
