"""Web: who may write. Reads are open; every write needs a token (``sitrep token create``).

* API clients send ``Authorization: Bearer <token>``.
* People log in once with their token; the browser then holds a signed, HttpOnly,
  SameSite=Strict session cookie (it names them, never the token), valid for 12 hours or until
  the server restarts (the signing key lives in memory). Every form carries a CSRF token tied to
  that session, and a write whose ``Origin`` is another site is refused outright.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from fastapi import HTTPException, Request

COOKIE = "sitrep_session"
SESSION_SECONDS = 12 * 3600


class Sessions:
    """Signs and checks session cookies and CSRF tokens with a per-process key."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def _sign(self, text: str) -> str:
        return hmac.new(self._key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def cookie(self, name: str, now: float | None = None) -> str:
        expires = int((now or time.time()) + SESSION_SECONDS)
        body = f"{name}|{expires}|{secrets.token_hex(8)}"
        return f"{body}|{self._sign(body)}"

    def who(self, cookie: str | None, now: float | None = None) -> str | None:
        """The person a session cookie names, if it is genuine and not expired."""
        if not cookie or cookie.count("|") != 3 or len(cookie) > 400:
            return None
        body, signature = cookie.rsplit("|", 1)
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        name, expires, _ = body.split("|")
        if not expires.isdigit() or int(expires) < (now or time.time()):
            return None
        return name

    def csrf(self, cookie: str) -> str:
        return self._sign("csrf|" + cookie)

    def check_csrf(self, cookie: str | None, token: str | None) -> bool:
        return bool(cookie and token) and hmac.compare_digest(self.csrf(cookie), token)  # type: ignore[arg-type]


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None:  # not a cross-site browser request (browsers send Origin on POST)
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


def bearer_owner(request: Request) -> str | None:
    """Who the request's ``Authorization: Bearer`` token belongs to, if it is valid."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return request.app.state.workspace.store.token_owner(token.strip())  # type: ignore[no-any-return]


def api_writer(request: Request) -> str:
    """The token owner of an API write, or 401."""
    who = bearer_owner(request)
    if who is None:
        raise HTTPException(status_code=401, detail="a write needs 'Authorization: Bearer <token>' (sitrep token create)",
                            headers={"WWW-Authenticate": "Bearer"})
    return str(who)


def page_user(request: Request) -> str | None:
    """The person logged in on this browser, if any."""
    return request.app.state.sessions.who(request.cookies.get(COOKIE))
