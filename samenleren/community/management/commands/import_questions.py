"""Move questions in from elsewhere (a spreadsheet, a form tool):

    .venv/bin/python manage.py import_questions questions.csv --region zuid-limburg

The file (CSV or XLSX) has a header row with at least `text` (or `vraag`); optional `title`,
`organisation` (a name in the region) and `tags` (profile codes and themes, comma-separated).
Every problem is reported with its row and column, and nothing is written unless all rows are
valid.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samenleren.community.imports import questions_check, questions_import
from samenleren.core.tabular import TabularError
from samenleren.network.models import Region


class Command(BaseCommand):
    help = "Import questions from a CSV or XLSX file into a region's question board."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--region", required=True, help="The region's short name (slug).")

    def handle(self, *args, file: str, region: str, **options):
        found = Region.objects.filter(slug=region).first()
        if found is None:
            raise CommandError(f"Unknown region: {region}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            rows, problems = questions_check(region=found, name=path.name, data=path.read_bytes())
        except TabularError as error:
            raise CommandError(str(error)) from error
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing imported: {len(problems)} problem(s).")
        questions = questions_import(region=found, rows=rows)
        self.stdout.write(f"Imported {len(questions)} questions into {found.name}.")
