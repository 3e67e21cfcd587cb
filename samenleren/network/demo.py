def build(*, stdout=None) -> None:
    """Placeholder replaced below."""
