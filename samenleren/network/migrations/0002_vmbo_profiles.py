from django.db import migrations

CODES = ["BWI", "D&P", "E&O", "Groen", "HBR", "MaT", "MVI", "M&T", "PIE", "Z&W"]


def add_profiles(apps, schema_editor):
    Profile = apps.get_model("network", "Profile")
    for code in CODES:
        Profile.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(add_profiles, migrations.RunPython.noop)]
