from dataclasses import dataclass, field


@dataclass
class HomeSection:
    """A block on 'Mijn Samen Leren'. Apps contribute them through settings.HOME_SECTIONS."""

    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50
