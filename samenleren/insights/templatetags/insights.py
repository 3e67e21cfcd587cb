from django import template

from ..charts import bar_chart

register = template.Library()


@register.simple_tag
def chart(table, prefix: str = "chart"):
    return bar_chart(table, chart_id=f"{prefix}-{table.key}")
