from dataclasses import dataclass, field


@dataclass
class Panel:
    """A block a capability adds to an organisation's page (settings.ORGANISATION_PANELS):
    a template, included with `panel` set to this object, and what it needs in `context`."""

    template: str
    context: dict = field(default_factory=dict)
