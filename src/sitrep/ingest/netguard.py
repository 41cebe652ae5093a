"""Ingest stage: which network addresses a fetch may connect to (the SSRF guard).

A URL given to sitrep, found in a feed or reached by a redirect is hostile input: it may point
at the machine itself, the local network or a cloud metadata service. Before any connection the
fetcher resolves the host with :class:`AddressPolicy.resolve` (the resolver is injectable), checks
**every** address it gets, and then connects to the checked address itself, so a second DNS
answer (rebinding) cannot change where the connection goes.

Refused by default, IPv4 and IPv6 alike: unspecified (``0.0.0.0``, ``::``), loopback
(``127/8``, ``::1``), private (``10/8``, ``172.16/12``, ``192.168/16``, ``fc00::/7``), link-local
(``169.254/16``, ``fe80::/10``), multicast, reserved and any other non-global range (carrier-grade
NAT, documentation ranges), and IPv6 forms that carry an IPv4 address (IPv4-mapped
``::ffff:a.b.c.d``, IPv4-compatible ``::a.b.c.d``, 6to4, Teredo, NAT64) when the embedded address
is refused. The ``fetch_allow_hosts`` setting lists exceptions: host names, addresses or networks.

Errors (both are :class:`~sitrep.errors.InputError`, so a batch records them as rejections)::

    InputError
    ├── Refused   code="refused"   the address is not one sitrep connects to
    └── BadURL    code="bad_url"   not an http(s) URL, or a host that cannot be resolved
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import BadURL, Refused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str], Iterable[str]]
"""host name → its addresses as strings (``socket.getaddrinfo`` by default)."""

_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_HINT = "private, loopback and link-local addresses are refused; setting fetch_allow_hosts allows a host"




def system_resolver(host: str) -> list[str]:
    """Every address of ``host`` from the system resolver, in its order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise BadURL(f"cannot resolve host {host} ({exc})") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` is refused (``"loopback"``, ``"private"``, …), or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            reason = refusal_reason(inner)
            if reason is not None:
                return f"{reason} (IPv4 {inner} inside IPv6)"
            if ip.ipv4_mapped is not None or ip in _NAT64:
                return None  # reaches exactly the embedded public IPv4 address
        if ip in _IPV4_COMPATIBLE:
            return "unspecified" if ip.is_unspecified else "loopback" if ip.is_loopback else "IPv4-compatible"
    for name in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "non-public"
    return None


def parse_ip(text: str) -> IPAddress | None:
    """An address from ``text`` (brackets and an IPv6 zone such as ``%eth0`` allowed), else None."""
    text = text.strip().removeprefix("[").removesuffix("]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """The guard: public addresses, plus the hosts, addresses and networks allowed by setting."""

    allowed_names: frozenset[str] = frozenset()
    allowed_networks: tuple[Network, ...] = ()

    @classmethod
    def from_setting(cls, value: str) -> AddressPolicy:
        """From ``fetch_allow_hosts``: comma- or space-separated names, addresses, networks."""
        names: set[str] = set()
        networks: list[Network] = []
        for entry in value.replace(",", " ").split():
            bare = entry.removeprefix("[").removesuffix("]")
            try:
                networks.append(ipaddress.ip_network(bare, strict=False))
            except ValueError:
                names.add(entry.lower().rstrip("."))
        return cls(frozenset(names), tuple(networks))

    def _allowed(self, ip: IPAddress) -> bool:
        inner = _embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
        return any(ip in net or (inner is not None and inner in net) for net in self.allowed_networks)

    def check(self, host: str, addresses: Iterable[str]) -> str:
        """The first of ``addresses`` after checking them all; the address to connect to.

        Raises:
            Refused: one of them is refused (a name with one bad address is refused outright).
            BadURL: there is no address.
        """
        name_allowed = host.lower().rstrip(".") in self.allowed_names
        first: str | None = None
        for text in addresses:
            ip = parse_ip(text)
            if ip is None:
                raise BadURL(f"resolver gave {text!r} for {host}, not an address")
            reason = None if name_allowed or self._allowed(ip) else refusal_reason(ip)
            if reason is not None:
                said = str(ip) if parse_ip(host) == ip else f"{host} resolves to {ip}, which"
                raise Refused(f"refused: {said} is a {reason} address ({_HINT})")
            first = first or str(ip)
        if first is None:
            raise BadURL(f"cannot resolve host {host} (no address)")
        return first

    def resolve(self, host: str, resolver: Resolver) -> str:
        """The checked address to connect to for ``host`` (an address literal is not resolved)."""
        literal = parse_ip(host)
        addresses = [str(literal)] if literal is not None else list(resolver(host))
        return self.check(host, addresses)
