def items(request) -> list:
    return []
