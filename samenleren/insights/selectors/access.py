"""Who may see which report: the access_* checks every insights view goes through.

- The region dashboard and its exports: the region's coordinators and steering group.
- Editing the report text and building the yearly report: the region's coordinators.
- A school's view: its school contacts, and the coordinators and steering group of its region.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenleren.network.models import Organisation, Region
from samenleren.network.selectors import roles_of

from ..models import ReportRun


def access_report_region(*, user, slug: str | None = None, edit: bool = False) -> Region:
    """A region whose reports the user may read (or, with edit, write): the one named, or the
    first one."""
    if not user.is_authenticated:
        raise PermissionDenied
    roles = roles_of(user)
    allowed = roles.coordinator_regions if edit else roles.report_regions
    if not allowed:
        raise PermissionDenied
    regions = Region.objects.filter(pk__in=allowed).order_by("name")
    region = regions.filter(slug=slug).first() if slug else regions.first()
    if region is None:
        raise Http404
    return region


def report_regions(*, user) -> list[Region]:
    return list(Region.objects.filter(pk__in=roles_of(user).report_regions).order_by("name"))


def can_edit_reports(*, user, region: Region) -> bool:
    return region.pk in roles_of(user).coordinator_regions


def access_school_report(*, user, pk: int) -> Organisation:
    """A school the user may see the report of. Another school of the own region answers 403
    to a school contact; an unknown one 404."""
    if not user.is_authenticated:
        raise PermissionDenied
    organisation = (
        Organisation.objects.select_related("region", "subregion", "board").filter(pk=pk).first()
    )
    if organisation is None:
        raise Http404
    roles = roles_of(user)
    if organisation.pk in roles.contact_organisations:
        return organisation
    if organisation.region_id in roles.report_regions:
        return organisation
    raise PermissionDenied


def school_reports(*, user) -> list[Organisation]:
    """The schools whose report the user may open as school contact."""
    return list(
        Organisation.objects.filter(pk__in=roles_of(user).contact_organisations).order_by("name")
    )


def access_report_run(*, user, pk: int) -> ReportRun:
    """A yearly report of a region the user may read; any other answers 404."""
    run = (
        ReportRun.objects.select_related("region", "subregion")
        .defer("pdf", "xlsx")
        .filter(pk=pk, region_id__in=roles_of(user).report_regions)
        .first()
    )
    if run is None:
        raise Http404
    return run
