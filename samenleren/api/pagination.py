from typing import Any

from ninja import Schema
from ninja.pagination import PageNumberPagination


class Paged(PageNumberPagination):
    """`?page=&page_size=` in, `{"count": N, "results": [...]}` out."""

    items_attribute = "results"

    class Output(Schema):
        count: int
        results: list[Any]
