"""Webhook tokens: shown once, stored only as a hash, compared in constant time."""

import hashlib
import hmac
import secrets

# Not a secret: a prefix lets secret scanners and people recognise a leaked token.
TOKEN_PREFIX = "okr_kr_"  # noqa: S105
# 256 random bits, so a fast hash (SHA-256) is enough: slow password hashes guard guessable
# secrets, and nobody guesses 2^256. A fast hash also keeps each push cheap, so checking
# tokens is no way to load the bot.
TOKEN_BYTES = 32


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", errors="surrogatepass")).hexdigest()


def token_matches(token: str | None, stored_hash: str | None) -> bool:
    """Whether `token` is the one whose hash was stored; the time taken never tells how close."""
    # A missing token or hash still costs one comparison, as a wrong token does.
    given = token_hash(token or "")
    return hmac.compare_digest(given, stored_hash or "0" * len(given)) and bool(
        token and stored_hash
    )


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header, or None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
