"""The other capabilities' selectors, used only through the contracts in the brief.

Insights is built at the same time as learning, demand, community and schools. A figure that
needs one of them asks for its selector here and is left out (not shown at all) while that app
does not offer it yet. A broken import inside an existing app is not hidden: only a missing
`selectors` module or a missing function counts as "not offered".
"""

import importlib
from collections.abc import Callable


def find(app: str, name: str) -> Callable | None:
    module_name = f"samenleren.{app}.selectors"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return None
        raise
    return getattr(module, name, None)


contract = find  # the name every caller uses (tests replace it)


# Which contract selectors insights uses, by app (for the report and the docs).
USED = {
    "learning": (
        "learning_hours_of",
        "learning_hours_by_person",
        "learning_hours_total",
        "modules_in_progress",
        "badges_of",
        "completions_of",
    ),
    "demand": ("demand_summary", "pledges_of"),
    "community": ("open_questions", "questions_of", "networks_of"),
    "schools": ("equipment_at_risk", "intakes_by_status", "intakes_of"),
}


def available() -> dict[str, list[str]]:
    """Per app, the contract selectors that exist right now."""
    return {
        app: [name for name in names if find(app, name) is not None] for app, names in USED.items()
    }
