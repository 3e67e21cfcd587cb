from django.forms.renderers import DjangoTemplates


class AccessibleFormRenderer(DjangoTemplates):
    """Renders every form with labels, help and errors linked to their fields (WCAG 3.3.1)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
