"""The synonym groups every region starts with (see community/thesaurus.py)."""

from django.db import migrations

# The first list only: later groups come in their own migrations (0003), frozen there.
from samenleren.community.thesaurus import FIRST_SYNONYMS


def add(apps, schema_editor):
    Synonym = apps.get_model("community", "Synonym")
    have = set(Synonym.objects.filter(region__isnull=True).values_list("words", flat=True))
    Synonym.objects.bulk_create(
        Synonym(region=None, words=words) for words in FIRST_SYNONYMS if words not in have
    )


def remove(apps, schema_editor):
    apps.get_model("community", "Synonym").objects.filter(
        region__isnull=True, words__in=FIRST_SYNONYMS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
