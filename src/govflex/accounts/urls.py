from django.contrib.auth import views as auth_views
from django.urls import path

from govflex.accounts import oidc, views, views_twofactor
from govflex.accounts.views_signin import SignInView

app_name = "accounts"
urlpatterns = [
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("preferences/", views.preferences, name="preferences"),
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("two-factor/", views_twofactor.two_factor, name="two_factor"),
    path("two-factor/setup/", views_twofactor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views_twofactor.two_factor_verify, name="two_factor_verify"),
    path(
        "two-factor/backup-codes/",
        views_twofactor.backup_codes_renew,
        name="backup_codes_renew",
    ),
    path("two-factor/disable/", views_twofactor.two_factor_disable, name="two_factor_disable"),
    path("sign-in-security/", views_twofactor.signin_admin, name="signin_admin"),
    path("oidc/start/", oidc.oidc_start, name="oidc_start"),
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
]
