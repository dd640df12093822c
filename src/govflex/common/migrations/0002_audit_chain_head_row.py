"""Create the single chain-head row up front, so concurrent first writers only ever lock it."""

from django.db import migrations


def create_head(apps, schema_editor):  # type: ignore[no-untyped-def]
    head_model = apps.get_model("common", "AuditChainHead")
    head_model.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
