from ninja import NinjaAPI

from .auth import API_AUTH
from .errors import install_error_handlers
from .routers.network import router as network_router

api = NinjaAPI(
    title="Samen Leren API",
    version="1",
    description=(
        "The JSON API of Samen Leren. Authenticate with a personal token from your profile page: "
        "`Authorization: Bearer <token>`. Lists are paged with `page` and `page_size` and answer "
        "`{count, results}`. Errors answer `{detail}` with a 4xx status."
    ),
    auth=API_AUTH,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("/", network_router)
for capability in ("activities", "learning", "demand", "community", "schools", "insights"):
    api.add_router("/", f"samenleren.api.routers.{capability}.router")
