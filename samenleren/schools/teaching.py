"""Which activities teach which kind of machine.

Two sources, used for different things:
- `ActivityTeaches`, set by a coordinator: a firm statement. Only these confirm a skill through a
  certificate (a certificate is proof, so the link behind it must be deliberate).
- A keyword list per kind matched against the activity's analysed text (the same Dutch stems the
  calendar search uses): good enough to *suggest* activities for a training need, and a
  coordinator can turn a suggestion into a firm link with one click.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from samenleren.activities.models import Activity, ActivityStatus, Certificate, Session
from samenleren.core.text import analyse
from samenleren.network.models import EquipmentKind

from .models import ActivityTeaches

# Words teachers and providers use for each kind (Dutch first, English and brand words too).
KEYWORDS: dict[str, tuple[str, ...]] = {
    EquipmentKind.LASER_CUTTER: ("lasersnijder", "lasercutter", "lasersnijden", "lasersnijmachine"),
    EquipmentKind.PRINTER_3D: ("3d-printer", "3d-printen", "3dprinter", "printen"),
    EquipmentKind.CNC_MILL: ("cnc-frees", "freesmachine", "cnc-frezen", "frezen", "freesbank"),
    EquipmentKind.CNC_LATHE: ("cnc-draaibank", "cnc-draaien"),
    EquipmentKind.PLASMA_CUTTER: ("plasmasnijder", "plasmasnijden", "plasma"),
    EquipmentKind.ROBOT_ARM: ("robotarm", "cobot", "robotica"),
    EquipmentKind.VR_SET: ("vr-bril", "virtual reality", "vr-set"),
    EquipmentKind.PLOTTER: ("plotter", "snijplotter", "vinylsnijder"),
    EquipmentKind.WELDER: ("lassen", "lasapparaat", "booglassen", "mig-mag"),
    EquipmentKind.LATHE: ("draaibank", "draaien", "verspanen"),
    EquipmentKind.HEAT_PUMP: ("warmtepomp", "warmtepompen"),
    EquipmentKind.SOLAR: ("zonnepaneel", "zonnepanelen", "pv-installatie"),
    EquipmentKind.HOME_AUTOMATION: ("domotica", "slimme installaties", "smart home"),
    EquipmentKind.ELECTRONICS: ("solderen", "elektronica", "soldeerstation"),
    EquipmentKind.MICROCONTROLLER: ("micro:bit", "microbit", "arduino", "microcontroller"),
}


def stems_for(kind: str) -> set[str]:
    """The Dutch stems of a kind's keywords ('lasersnijder' -> 'lasersnijder', 'lassen' -> 'lass')."""
    return {stem for word in KEYWORDS.get(kind, ()) for stem in analyse(word)}


def words_for(kind: str) -> list[str]:
    """Plain words to look for in titles elsewhere (modules): the first two keywords."""
    return list(KEYWORDS.get(kind, ())[:2])


def _matches(search_text: str, stems: set[str]) -> bool:
    return any(f" {stem} " in search_text for stem in stems)


def activities_teaching(*, region, kinds: set[str]) -> dict[str, list[Activity]]:
    """Upcoming published activities of the region per kind: those a coordinator linked to the
    kind first, then those whose text matches the kind's keywords. Two queries for all kinds."""
    result: dict[str, list[Activity]] = {kind: [] for kind in kinds}
    if not kinds:
        return result
    now = timezone.now()
    upcoming = Session.objects.filter(activity_id=OuterRef("pk"), ends_at__gte=now)
    activities = list(
        Activity.objects.filter(region=region, status=ActivityStatus.PUBLISHED)
        .filter(Exists(upcoming))
        .order_by("title")
    )
    linked: dict[int, set[str]] = {}
    for activity_id, kind in ActivityTeaches.objects.filter(
        activity__in=[a.pk for a in activities], kind__in=kinds
    ).values_list("activity_id", "kind"):
        linked.setdefault(activity_id, set()).add(kind)
    for kind in kinds:
        stems = stems_for(kind)
        firm = [a for a in activities if kind in linked.get(a.pk, set())]
        loose = [a for a in activities if a not in firm and _matches(a.search_text, stems)]
        for a in firm:
            a.teaches_firmly = True
        result[kind] = firm + loose
    return result


def taught_kinds(*, activity: Activity) -> list[str]:
    return list(
        ActivityTeaches.objects.filter(activity=activity)
        .order_by("kind")
        .values_list("kind", flat=True)
    )


def suggested_kinds(*, activity: Activity) -> list[str]:
    """Kinds whose keywords occur in the activity's text (for the coordinator's form)."""
    return [kind for kind in KEYWORDS if _matches(activity.search_text, stems_for(kind))]


def certificate_codes_by_kind(*, person) -> dict[str, str]:
    """For each kind of machine: the code of a valid certificate of the person for an activity
    that (firmly) teaches that kind. Two queries."""
    codes: dict[str, str] = {}
    rows = (
        Certificate.objects.filter(person=person, revoked_at__isnull=True)
        .filter(registration__activity__isnull=False)
        .values_list("code", "registration__activity_id")
        .order_by("-issued_at")
    )
    rows = list(rows)
    if not rows:
        return codes
    kinds_by_activity: dict[int, list[str]] = {}
    for activity_id, kind in ActivityTeaches.objects.filter(
        activity_id__in={a for _c, a in rows}
    ).values_list("activity_id", "kind"):
        kinds_by_activity.setdefault(activity_id, []).append(kind)
    for code, activity_id in rows:
        for kind in kinds_by_activity.get(activity_id, []):
            codes.setdefault(kind, str(code))
    return codes
