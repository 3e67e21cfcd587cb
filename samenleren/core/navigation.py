from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    section: str = "main"  # "main" or "manage"
