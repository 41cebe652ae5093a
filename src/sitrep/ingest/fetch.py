"""Ingest stage: fetch one URL politely and safely (httpx).

Every request, including each redirect hop and each robots.txt, goes through the same steps:

1. the URL must be ``http``/``https`` with a host;
2. the host is resolved by the injected resolver and every address checked
   (:mod:`.netguard`), before any socket opens;
3. robots.txt of the origin is read once per run (cached per origin) and obeyed for the
   ``user_agent`` setting: 4xx means no rules, 5xx or no answer means nothing may be fetched;
4. the host's pace is kept: ``fetch_rate`` requests a second, or robots.txt's Crawl-delay (at
   most 60 s) when that is slower;
5. the request is sent to the **checked address** (the URL's host is replaced by it; the
   ``Host`` header and the TLS server name keep the real name, so certificates are verified for
   it), without environment proxies and without connection reuse across names;
6. the body is streamed and cut at ``max_bytes`` (a declared ``Content-Length`` over it is
   refused before reading) and at ``fetch_timeout`` seconds from the start of the request;
7. redirects are followed by hand, at most 5, each a new pass through these steps.

Errors are :class:`~sitrep.errors.InputError` subclasses (a rejection, never a crash)::

    InputError
    ├── Refused          code="refused"   (netguard) an address sitrep does not connect to
    ├── BadURL           code="bad_url"   (netguard) not http(s), no host, unresolvable
    ├── RobotsDisallowed code="robots"    robots.txt forbids the URL (or could not be read)
    ├── FetchFailed      code="fetch"     HTTP error status, timeout, connection failure
    └── TooLarge         code="too_large" over max_bytes
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ..errors import FetchFailed, RobotsDisallowed, TooLarge
from ..settings import Settings
from .netguard import AddressPolicy, BadURL, Refused, Resolver, parse_ip, system_resolver

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512 * 1024
MAX_CRAWL_DELAY = 60.0
_CACHE_HOSTS = 4096
_REDIRECTS = (301, 302, 303, 307, 308)
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1")




@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response: final URL after redirects, media type, charset and the body."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes


class _Pacer:
    """The time each host may next be asked (per-host rate limit), for a bounded number of hosts."""

    def __init__(self, interval: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.next_at: OrderedDict[str, float] = OrderedDict()

    def wait(self, host: str, delay: float = 0.0) -> None:
        """Sleep until ``host`` may be asked again, then book its next slot."""
        now = self.clock()
        at = self.next_at.pop(host, now)
        if at > now:
            self.sleep(at - now)
            now = at
        self.next_at[host] = now + max(self.interval, delay)
        while len(self.next_at) > _CACHE_HOSTS:
            self.next_at.popitem(last=False)


class Fetcher:
    """A guarded HTTP client for one run: shared robots cache, per-host pace, one httpx client.

    Args:
        settings: ``max_bytes``, ``fetch_timeout``, ``fetch_rate``, ``fetch_allow_hosts``,
            ``user_agent``.
        resolver: host → addresses; the system resolver by default (tests inject one).
        transport: an httpx transport (tests inject one that fails on any connection).
        clock, sleep: for the pace (tests inject a fake clock).
    """

    def __init__(
        self, settings: Settings, *, resolver: Resolver | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.policy = AddressPolicy.from_setting(settings.fetch_allow_hosts)
        self.resolver = resolver or system_resolver
        self.transport = transport
        self.clock = clock
        rate = settings.fetch_rate
        self.pacer = _Pacer(1.0 / rate if rate > 0 else 0.0, clock, sleep)
        self.robots: OrderedDict[str, urllib.robotparser.RobotFileParser | None] = OrderedDict()
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client (if one was opened)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            import httpx

            self._client = httpx.Client(
                transport=self.transport, trust_env=False, follow_redirects=False,
                timeout=httpx.Timeout(self.settings.fetch_timeout),
                limits=httpx.Limits(max_keepalive_connections=0),
                headers={"User-Agent": self.settings.user_agent, "Accept": _ACCEPT},
            )
        return self._client

    # ------------------------------------------------------------------ public
    def get(self, url: str, *, max_bytes: int | None = None) -> Fetched:
        """GET ``url`` through every guard (see the module docstring), following redirects.

        Raises:
            Refused, BadURL, RobotsDisallowed, FetchFailed, TooLarge.
        """
        return self._get(url, max_bytes or self.settings.max_bytes, robots=True, truncate=False)

    # ------------------------------------------------------------------ steps
    def _get(self, url: str, max_bytes: int, *, robots: bool, truncate: bool) -> Fetched:
        current = url
        for hop in range(MAX_REDIRECTS + 1):
            try:
                fetched = self._one(current, max_bytes, robots=robots, truncate=truncate)
            except (Refused, BadURL) as exc:
                if hop:
                    exc.message = f"redirect to {current}: {exc.message}"
                raise
            if isinstance(fetched, str):
                current = fetched
                continue
            return fetched
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects (last to {current})")

    def _one(self, url: str, max_bytes: int, *, robots: bool, truncate: bool) -> Fetched | str:
        """One request: the response, or the absolute URL a redirect points to."""
        import httpx

        target, host, address = self._checked(url)
        delay = self._robots_delay(url, target) if robots else 0.0
        self.pacer.wait(host, delay)
        pinned = target.copy_with(host=address)
        headers = {"Host": target.netloc.decode("ascii")}
        extensions = {"sni_hostname": host} if target.scheme == "https" and parse_ip(host) is None else {}
        timeout = self.settings.fetch_timeout
        started = self.clock()
        try:
            with self.client.stream("GET", pinned, headers=headers, extensions=extensions) as resp:
                if resp.status_code in _REDIRECTS and resp.headers.get("location"):
                    return urljoin(url, resp.headers["location"])
                if not 200 <= resp.status_code < 300:
                    raise FetchFailed(f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes and not truncate:
                    raise TooLarge(f"Content-Length {declared} is over the limit of {max_bytes} (setting max_bytes)")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        if truncate:
                            del body[max_bytes:]
                            break
                        raise TooLarge(f"body is over the limit of {max_bytes} bytes (setting max_bytes)")
                    if self.clock() - started > timeout:
                        raise FetchFailed(f"timed out after {timeout:g} s (setting fetch_timeout)")
                media, _, params = resp.headers.get("content-type", "").partition(";")
                return Fetched(str(url), resp.status_code, media.strip().lower(), _charset(params), bytes(body))
        except httpx.TimeoutException as exc:
            raise FetchFailed(f"timed out after {timeout:g} s (setting fetch_timeout)") from exc
        except httpx.HTTPError as exc:
            message = str(exc).splitlines()[0] if str(exc) else ""
            raise FetchFailed(f"{type(exc).__name__}: {message}".rstrip(": ")) from exc

    def _checked(self, url: str) -> tuple[httpx.URL, str, str]:
        """The parsed URL, its host name and the checked address to connect to."""
        import httpx

        try:
            target = httpx.URL(url)
            host = target.raw_host.decode("ascii")
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise BadURL(f"not a valid URL ({exc})") from exc
        if target.scheme not in ("http", "https"):
            raise BadURL(f"unsupported URL scheme {target.scheme or '(none)'!r}: use http or https")
        if not host:
            raise BadURL("URL has no host")
        if target.userinfo:
            raise BadURL("URL carries a user name or password")
        return target, host.lower(), self.policy.resolve(host, self.resolver)

    def _robots_delay(self, url: str, target: httpx.URL) -> float:
        """robots.txt's Crawl-delay for ``url`` (0 if none) after checking that it may be fetched."""
        origin = f"{target.scheme}://{target.netloc.decode('ascii')}"
        if origin in self.robots:
            self.robots.move_to_end(origin)
            rules = self.robots[origin]
        else:
            rules = self._read_robots(origin)
            self.robots[origin] = rules
            while len(self.robots) > _CACHE_HOSTS:
                self.robots.popitem(last=False)
        agent = self.settings.user_agent
        if rules is None:
            return 0.0
        if not rules.can_fetch(agent, url):
            if rules.disallow_all:
                raise RobotsDisallowed(f"robots.txt of {origin} could not be read, so nothing there is fetched")
            raise RobotsDisallowed(f"robots.txt of {origin} disallows this URL for {agent.split()[0]}")
        delay = rules.crawl_delay(agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The rules at ``origin``/robots.txt: None (no rules) on 4xx, deny-all on 5xx or failure."""
        rules = urllib.robotparser.RobotFileParser()
        try:
            fetched = self._get(f"{origin}/robots.txt", ROBOTS_MAX_BYTES, robots=False, truncate=True)
        except FetchFailed as exc:
            if exc.message.startswith("HTTP 4"):
                return None
            rules.disallow_all = True
            return rules
        except (Refused, BadURL) as exc:  # a redirect of robots.txt to a refused address
            exc.message = f"robots.txt: {exc.message}"
            raise
        rules.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return rules


def _charset(params: str) -> str | None:
    for part in params.split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None
