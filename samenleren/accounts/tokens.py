"""Token generation and hashing: the only place that knows what a token looks like."""

import hashlib
import secrets

TOKEN_PREFIX = "sl_"  # noqa: S105 - a marker, not a secret


def token_generate() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
