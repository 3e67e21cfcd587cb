from typing import Literal

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str


class RoleOut(Schema):
    role: str
    organisation_id: int | None
    region: str | None


class AffiliationOut(Schema):
    organisation_id: int
    organisation: str
    function: str


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    preferred_language: str
    roles: list[RoleOut]
    affiliations: list[AffiliationOut]


class MeUpdate(Schema):
    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=150)
    preferred_language: Literal["nl", "en"] | None = None
    findable: bool | None = None
    show_name_to_school: bool | None = None


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    brin: str
    street: str
    postcode: str
    city: str
    region: str
    subregion: str | None
    board: str | None
    latitude: float | None
    longitude: float | None
    profiles: list[str]
    staff_count: int | None

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_subregion(obj) -> str | None:
        return obj.subregion.name if obj.subregion else None

    @staticmethod
    def resolve_board(obj) -> str | None:
        return obj.board.name if obj.board else None

    @staticmethod
    def resolve_profiles(obj) -> list[str]:
        return [profile.code for profile in obj.profiles.all()]
