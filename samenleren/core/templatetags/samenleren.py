from django import template

from samenleren.core.paging import query_without_page

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, page_number: int) -> str:
    """'?filters&page=N' for a paging link that keeps the current filters."""
    rest = query_without_page(context["request"])
    return f"?{rest}&page={page_number}" if rest else f"?page={page_number}"


@register.simple_tag
def accessible_widget(bound_field):
    """The field's widget with aria-describedby pointing at its help and errors, and
    aria-invalid when it has errors, so screen readers announce what to fix."""
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    attrs = {}
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)
