"""Consents given before notices were versioned become history rows (notice: none, i.e. the
built-in text of the check-in page), so "My privacy" lists them and they can be withdrawn."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Consent = apps.get_model("privacy", "Consent")
    rows = [
        Consent(user_id=pk, kind="location", notice=None, given_at=at)
        for pk, at in User.objects.filter(location_consent_at__isnull=False).values_list(
            "pk", "location_consent_at"
        )
        if not Consent.objects.filter(user_id=pk, kind="location", withdrawn_at=None).exists()
    ]
    Consent.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_location_consent_at"),
        ("privacy", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
