def sections(request) -> list:
    return []
