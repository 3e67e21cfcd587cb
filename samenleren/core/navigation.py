from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    section: str = "main"  # "main" (what there is), "mine" (one's own pages) or "manage"
