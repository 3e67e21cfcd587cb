from ninja import Schema

from samenleren.network.models import EquipmentKind


class OperatorOut(Schema):
    id: int
    name: str
    level: str
    confirmed: bool  # by a certificate of an activity that teaches this kind of machine


class EquipmentOut(Schema):
    id: int
    lab_id: int
    lab: str
    kind: str
    label: str
    brand: str
    model: str
    count: int
    operators: int
    operator_list: list[OperatorOut]
    at_risk: bool
    reason: str
    training_question: str | None  # the status of the open training question, if any


class AtRiskOut(Schema):
    equipment_id: int
    label: str
    kind: str
    organisation_id: int
    organisation: str
    lab: str
    operators: int
    reason: str
    training_question: str | None


class LabOut(Schema):
    id: int
    name: str
    kind: str
    organisation_id: int
    organisation: str
    town: str
    shared_with_primary: bool
    equipment: list[str]
    travel_minutes: int | None


class LabFilters(Schema):
    equipment: EquipmentKind | None = None
    origin: int | None = None  # coordinators: the organisation to count travel time from
    region: str | None = None  # coordinators of several regions: which one (a slug)
