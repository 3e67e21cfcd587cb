"""Shared by the hide buttons: when the service refuses the reason typed in the confirmation
step, the page is shown again with the confirmation open, the text as typed and the error at
the field (and in a summary at the top that links to it)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class RefusedReason:
    kind: str  # "vraag", "antwoord", "bericht" or "discussie": as in the field's id
    pk: int
    message: str
    reason: str

    @property
    def field_id(self) -> str:
        return f"reden-{self.kind}-{self.pk}"

    def attach(self, item) -> None:
        """Mark the item whose confirmation step shows the error (read by _hide_controls)."""
        item.reason_error = self.message
        item.reason_input = self.reason

    def attach_to(self, items) -> None:
        for item in items:
            if item.pk == self.pk:
                self.attach(item)


def refused_reason(error: ValidationError, *, kind: str, pk: int, reason: str):
    """The refusal of the reason in `error`, or None when it is about something else."""
    if not hasattr(error, "error_dict") or "reason" not in error.error_dict:
        return None
    return RefusedReason(kind=kind, pk=pk, message=error.message_dict["reason"][0], reason=reason)
