from ninja.pagination import PageNumberPagination


class Paged(PageNumberPagination):
    """`?page=&page_size=` in, `{"count": N, "results": [...]}` out."""

    items_attribute = "results"
