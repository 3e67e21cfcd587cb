"""Store the search text of every module again, after the Dutch analyser (core.text) changed."""

from django.core.management.base import BaseCommand

from samenleren.learning.services.authoring import modules_reindex


class Command(BaseCommand):
    help = "Recompute the stored search text of all learning modules (after core.text changed)."

    def handle(self, *args, **options):
        changed, total = modules_reindex()
        self.stdout.write(f"{changed} of {total} modules got a new search text.\n")
