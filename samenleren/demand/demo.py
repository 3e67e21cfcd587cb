def build(*, stdout) -> list[tuple[str, str, str]]:
    return []
