"""Insights pages: the region dashboard with its exports, the yearly report, the school view and
Mijn ontwikkeling. Every protected object comes through an access_* selector; every export is
written to the audit log."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenleren.core.paging import paginate

from .exports import table_csv, tables_xlsx
from .forms import FilterForm, ReportTextForm
from .models import ReportRun, ReportText, RunStatus
from .pdf import overview_pdf
from .report import period_text
from .selectors.access import (
    access_report_region,
    access_report_run,
    access_school_report,
    can_edit_reports,
    report_regions,
    school_reports,
)
from .selectors.figures import dashboard_tables
from .selectors.portfolio import development_of, personal_data
from .selectors.school import named_participants, school_activities, school_intakes
from .selectors.tables import Column, Table
from .services import export_log, report_run_start, report_text_save

FORMATS = {"csv", "xlsx"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _table_response(table: Table, *, file_format: str, stem: str) -> HttpResponse:
    filename = f"{stem}-{table.key.replace('_', '-')}.{file_format}"
    if file_format == "csv":
        return _download(
            table_csv(table), filename=filename, content_type="text/csv; charset=utf-8"
        )
    return _download(tables_xlsx([table]), filename=filename, content_type=XLSX)


def _base(url: str) -> str:
    """An export URL without its "x.csv" end: the templates add the table's key and format."""
    return url.removesuffix("x.csv")


def _region_filter(request: HttpRequest, *, edit: bool = False):
    region = access_report_region(
        user=request.user, slug=request.GET.get("regio") or request.POST.get("regio"), edit=edit
    )
    form = FilterForm(request.GET or None, region=region)
    return region, form, form.report_filter()


# --- the region dashboard ----------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    region, form, f = _region_filter(request)
    query = request.GET.urlencode()
    return render(
        request,
        "insights/dashboard.html",
        {
            "region": region,
            "regions": report_regions(user=request.user),
            "form": form,
            "filter": f,
            "period": period_text(f),
            "tables": list(dashboard_tables(f).values()),
            "query": query,
            "export_base": _base(reverse("insights:export", args=["x", "csv"])),
            "can_edit": can_edit_reports(user=request.user, region=region),
        },
    )


@login_required
def export_table(request: HttpRequest, key: str, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    region, _form, f = _region_filter(request)
    table = dashboard_tables(f).get(key.replace("-", "_"))
    if table is None:
        raise Http404
    export_log(actor=request.user, what=table.key, file_format=file_format, **f.describe())
    return _table_response(table, file_format=file_format, stem=region.slug)


@login_required
def export_all(request: HttpRequest) -> HttpResponse:
    region, _form, f = _region_filter(request)
    tables = list(dashboard_tables(f).values())
    export_log(actor=request.user, what="dashboard", file_format="xlsx", **f.describe())
    content = tables_xlsx(
        tables,
        heading=f"{region.name}",
        meta=[(_("Region"), region.name), (_("Period"), period_text(f))],
    )
    return _download(content, filename=f"{region.slug}-inzicht.xlsx", content_type=XLSX)


# --- the yearly report -------------------------------------------------------------------------


@login_required
def report(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _report_post(request)
    region, form, f = _region_filter(request)
    can_edit = can_edit_reports(user=request.user, region=region)
    saved = ReportText.objects.filter(region=region, school_year=f.school_year_start).first()
    text_form = ReportTextForm(instance=saved) if can_edit else None
    return _report_page(request, region=region, form=form, f=f, text_form=text_form, saved=saved)


def _report_page(request, *, region, form, f, text_form, saved, status=200) -> HttpResponse:
    runs = ReportRun.objects.filter(region=region).defer("pdf", "xlsx")[:10]
    return render(
        request,
        "insights/report.html",
        {
            "region": region,
            "form": form,
            "filter": f,
            "period": period_text(f),
            "text_form": text_form,
            "saved": saved,
            "runs": runs,
            "query": request.GET.urlencode(),
            "can_edit": text_form is not None,
        },
        status=status,
    )


def _report_post(request: HttpRequest) -> HttpResponse:
    region, form, f = _region_filter(request, edit=True)
    if request.POST.get("action") == "build":
        run = report_run_start(actor=request.user, f=f)
        return redirect(reverse("insights:report_run", args=[run.pk]))
    saved = ReportText.objects.filter(region=region, school_year=f.school_year_start).first()
    text_form = ReportTextForm(request.POST, instance=saved)
    if not text_form.is_valid():
        return _report_page(
            request, region=region, form=form, f=f, text_form=text_form, saved=saved, status=400
        )
    report_text_save(
        actor=request.user,
        region=region,
        school_year=f.school_year_start,
        text=text_form.cleaned_data["text"],
    )
    messages.success(request, _("The text of the yearly report is saved."))
    return redirect(f"{reverse('insights:report')}?{request.GET.urlencode()}")


@login_required
def report_run(request: HttpRequest, pk: int) -> HttpResponse:
    run = access_report_run(user=request.user, pk=pk)
    template = "insights/_run.html" if request.htmx else "insights/run.html"
    return render(request, template, {"run": run})


@login_required
def report_download(request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
    if file_format not in {"pdf", "xlsx"}:
        raise Http404
    run = access_report_run(user=request.user, pk=pk)
    content = ReportRun.objects.filter(pk=run.pk).values_list(file_format, flat=True).first()
    if run.status != RunStatus.DONE or not content:
        raise Http404
    export_log(
        actor=request.user,
        what="yearly_report",
        file_format=file_format,
        run=run.pk,
        region=run.region.slug,
    )
    filename = f"jaarverslag-{run.region.slug}-{run.start:%Y}-{run.end:%Y}.{file_format}"
    content_type = "application/pdf" if file_format == "pdf" else XLSX
    return _download(bytes(content), filename=filename, content_type=content_type)


# --- the school view ---------------------------------------------------------------------------


@login_required
def school_index(request: HttpRequest) -> HttpResponse:
    schools = school_reports(user=request.user)
    if len(schools) == 1:
        return redirect(reverse("insights:school", args=[schools[0].pk]))
    if not schools:
        raise PermissionDenied
    return render(request, "insights/school_index.html", {"schools": schools})


def _school_filter(request: HttpRequest, pk: int):
    organisation = access_school_report(user=request.user, pk=pk)
    form = FilterForm(request.GET or None, region=organisation.region, with_subregion=False)
    return organisation, form, form.report_filter(organisation=organisation)


def _school_tables(f) -> dict[str, Table]:
    tables = dashboard_tables(f)
    return {"school_activities": school_activities(f), **tables}


@login_required
def school(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, form, f = _school_filter(request, pk)
    search = request.GET.get("zoek", "").strip()[:100]
    return render(
        request,
        "insights/school.html",
        {
            "organisation": organisation,
            "form": form,
            "filter": f,
            "period": period_text(f),
            "tables": list(_school_tables(f).values()),
            "named": paginate(request, named_participants(f, search=search)),
            "search": search,
            "intakes": school_intakes(f),
            "query": request.GET.urlencode(),
            "export_base": _base(reverse("insights:school_export", args=[pk, "x", "csv"])),
        },
    )


@login_required
def school_export(request: HttpRequest, pk: int, key: str, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    organisation, _form, f = _school_filter(request, pk)
    key = key.replace("-", "_")
    table = _named_table(f) if key == "named" else _school_tables(f).get(key)
    if table is None:
        raise Http404
    export_log(
        actor=request.user, what=f"school_{table.key}", file_format=file_format, **f.describe()
    )
    stem = slugify(organisation.name)[:50] or "school"
    return _table_response(table, file_format=file_format, stem=stem)


def _named_table(f) -> Table:
    rows = [
        {
            "name": registration.person.full_name,
            "activity": registration.activity.title,
            "date": registration.first_start.date().strftime("%d-%m-%Y")
            if registration.first_start
            else "",
            "hours": registration.hours,
        }
        for registration in named_participants(f)
    ]
    return Table(
        key="named",
        title=_("Colleagues who agreed to be named"),
        columns=[
            Column("name", _("Name"), "text"),
            Column("activity", _("Activity"), "text"),
            Column("date", _("Starts"), "text"),
            Column("hours", _("Hours attended"), "hours"),
        ],
        rows=rows,
    )


# --- Mijn ontwikkeling -------------------------------------------------------------------------


@login_required
def development(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "insights/development.html",
        {"development": development_of(person=request.user)},
    )


@login_required
def development_pdf(request: HttpRequest) -> HttpResponse:
    person = request.user
    mine = development_of(person=person)
    hours = mine.hours
    lines = [
        (_("Name"), person.full_name),
        (_("School year"), f"{hours.start:%d-%m-%Y} – {hours.end:%d-%m-%Y}"),
        (_("Hours from activities"), _hours(hours.activities)),
    ]
    lines.append((_("Hours from e-learning"), _hours(hours.elearning)))
    lines.append((_("Total hours"), _hours(hours.total)))
    if hours.budget:
        lines.append((_("Budget in your collective agreement"), _hours(hours.budget.hours)))
    lines.append((_("Made on"), timezone.localdate().strftime("%d-%m-%Y")))
    tables = [_certificate_table(mine.certificates)]
    tables.append(_completion_table(mine.completions))
    tables.append(_badge_table(mine.badges))
    content = overview_pdf(
        title=_("My development"),
        lines=lines,
        tables=tables,
        language=request.LANGUAGE_CODE,
    )
    export_log(actor=person, what="my_development", file_format="pdf")
    return _download(content, filename="mijn-ontwikkeling.pdf", content_type="application/pdf")


def _hours(value) -> str:
    from .selectors.tables import format_value

    return format_value(value, "hours")


def _certificate_table(certificates) -> Table:
    return Table(
        key="certificates",
        title=_("Certificates"),
        columns=[
            Column("name", _("Activity"), "text"),
            Column("days", _("Date"), "text"),
            Column("hours", _("Study hours"), "hours"),
            Column("code", _("Verification code"), "text"),
        ],
        rows=[
            {
                "name": c.activity_title,
                "days": c.last_day.strftime("%d-%m-%Y"),
                "hours": c.hours,
                "code": str(c.code),
            }
            for c in certificates
        ],
    )


def _completion_table(completions) -> Table:
    return Table(
        key="completions",
        title=_("E-learning modules completed"),
        columns=[
            Column("name", _("Module"), "text"),
            Column("day", _("Completed on"), "text"),
            Column("hours", _("Study hours"), "hours"),
        ],
        rows=[
            {
                "name": getattr(c, "title", str(c)),
                "day": timezone.localtime(c.completed_at).strftime("%d-%m-%Y")
                if getattr(c, "completed_at", None)
                else "",
                "hours": getattr(c, "study_hours", None),
            }
            for c in completions
        ],
    )


def _badge_table(badges) -> Table:
    return Table(
        key="badges",
        title=_("Badges"),
        columns=[Column("name", _("Badge"), "text"), Column("day", _("Issued on"), "text")],
        rows=[
            {
                "name": getattr(b, "title", str(b)),
                "day": b.issued_on.strftime("%d-%m-%Y") if getattr(b, "issued_on", None) else "",
            }
            for b in badges
            if not getattr(b, "revoked", False)
        ],
    )


@login_required
def development_json(request: HttpRequest) -> HttpResponse:
    data = personal_data(person=request.user)
    export_log(actor=request.user, what="personal_data", file_format="json")
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _download(
        content, filename="mijn-gegevens.json", content_type="application/json; charset=utf-8"
    )
