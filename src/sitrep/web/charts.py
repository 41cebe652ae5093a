"""Web: small inline SVG charts drawn on the server (no JavaScript, no network).

* :func:`timeline` — each claimant's figures for one category over the publication dates of
  the reports (a line per claimant, a dot per report; a superseded figure stays on the line);
* :func:`event_map` — resolved events as dots on an equirectangular map of their extent, over
  country outlines (:mod:`.basemap`, when installed) and a graticule, each dot a link to its
  event page.

Every label is escaped; the SVG is ``Markup`` ready for a template.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from html import escape

from markupsafe import Markup

from ..resolve.blocking import day
from ..resolve.ledger import HistoryEntry
from ..store import EventSummary
from . import basemap

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def timeline(history: Sequence[HistoryEntry], category: str, width: int = 640, height: int = 220) -> Markup:
    """Figures of one category by claimant over report dates, as an SVG line chart."""
    points: dict[str, list[tuple[int, int, HistoryEntry]]] = {}
    for h in history:
        d, v = day(h.published), h.figure
        if h.category == category and h.stance == "asserts" and h.appearance_of is None and d is not None and v is not None:
            points.setdefault(h.claimant_key, []).append((d, v, h))
    if not points:
        return Markup("")
    days = [d for pts in points.values() for d, _, _ in pts]
    values = [v for pts in points.values() for _, v, _ in pts]
    d0, d1 = min(days), max(days)
    top = max(values) or 1
    left, right, top_pad, bottom = 48, 16, 16, 40
    legend_h = 16 * len(points)

    def x(d: int) -> float:
        return left + (width - left - right) * ((d - d0) / (d1 - d0) if d1 > d0 else 0.5)

    def y(v: int) -> float:
        return top_pad + (height - top_pad - bottom) * (1 - v / top)

    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height + legend_h}" '
           f'width="{width}" height="{height + legend_h}" xmlns="http://www.w3.org/2000/svg">',
           f"<title>{escape(category)} figures by claimant over time</title>"]
    for frac in (0, 0.5, 1):
        v = round(top * frac)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#ddd"/>'
                   f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11">{v}</text>')
    for d in sorted({d0, d1}):
        out.append(f'<text x="{x(d):.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">'
                   f"{escape(date.fromordinal(d).isoformat())}</text>")
    for i, (_, pts) in enumerate(sorted(points.items())):
        colour = PALETTE[i % len(PALETTE)]
        pts.sort(key=lambda p: (p[0], p[1]))
        if len(pts) > 1:
            path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _ in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for d, v, h in pts:
            label = f"{h.claimant.name}: {v} ({h.published})"
            out.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="4" fill="{colour}"><title>{escape(label)}</title></circle>')
        name = pts[-1][2].claimant.name
        ly = height + 16 * i + 4
        out.append(f'<rect x="{left}" y="{ly}" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{left + 16}" y="{ly + 9}" font-size="12">{escape(name)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def event_map(events: Sequence[EventSummary], width: int = 900, height: int = 460) -> Markup:
    """Events with coordinates as linked dots over their extent (equirectangular)."""
    placed = [e for e in events if e.lat is not None and e.lon is not None]
    if not placed:
        return Markup('<p class="meta">No event has coordinates yet.</p>')
    lats = [e.lat for e in placed]
    lons = [e.lon for e in placed]
    lat0, lat1 = min(lats) - 2, max(lats) + 2  # type: ignore[operator]
    lon0, lon1 = min(lons) - 2, max(lons) + 2  # type: ignore[operator]
    # keep degrees square at the map's middle latitude
    scale = math.cos(math.radians((lat0 + lat1) / 2))
    span_x, span_y = (lon1 - lon0) * scale, lat1 - lat0
    ratio = min(width / span_x, height / span_y)

    def px(lat: float, lon: float) -> tuple[float, float]:
        return (lon - lon0) * scale * ratio, (lat1 - lat) * ratio

    w, h = span_x * ratio, span_y * ratio
    out = [f'<svg class="map" role="img" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" '
           'xmlns="http://www.w3.org/2000/svg"><title>Events with coordinates</title>'
           f'<rect width="{w:.0f}" height="{h:.0f}" fill="#f4f7fb"/>']
    for (x0, y0, x1, y1), ring in basemap.outlines():
        if x1 < lon0 or x0 > lon1 or y1 < lat0 or y0 > lat1:
            continue  # off the map
        path, last = [], None
        for lon, lat in ring:
            px_, py_ = px(lat, lon)
            if last is None or abs(px_ - last[0]) + abs(py_ - last[1]) >= 1.2:
                path.append(f"{px_:.1f},{py_:.1f}")
                last = (px_, py_)
        if len(path) >= 3:
            out.append(f'<path class="land" d="M{" L".join(path)} Z" fill="#e4e9df" stroke="#9aa59a" stroke-width="0.6"/>')
    step = 10 if max(lat1 - lat0, lon1 - lon0) > 30 else (5 if max(lat1 - lat0, lon1 - lon0) > 10 else 1)
    for g in range(math.ceil(lat0 / step) * step, math.floor(lat1) + 1, step):
        _, gy = px(g, lon0)
        out.append(f'<line x1="0" x2="{w:.0f}" y1="{gy:.1f}" y2="{gy:.1f}" stroke="#dde3ea"/>'
                   f'<text x="3" y="{gy - 2:.1f}" font-size="10" fill="#789">{g}°</text>')
    for g in range(math.ceil(lon0 / step) * step, math.floor(lon1) + 1, step):
        gx, _ = px(lat0, g)
        out.append(f'<line y1="0" y2="{h:.0f}" x1="{gx:.1f}" x2="{gx:.1f}" stroke="#dde3ea"/>'
                   f'<text x="{gx + 2:.1f}" y="{h - 3:.0f}" font-size="10" fill="#789">{g}°</text>')
    for e in sorted(placed, key=lambda e: -(e.killed or 0)):
        cx, cy = px(e.lat, e.lon)  # type: ignore[arg-type]
        r = 4 + min(12, math.sqrt(e.killed or 0))
        label = f"{e.location or ''} {e.date_earliest or ''}: {e.sub_type or e.type or 'event'}" + (
            f", {e.killed} killed (best)" if e.killed is not None else "")
        out.append(f'<a href="/events/{escape(e.id)}"><circle class="marker" cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" '
                   f'fill="#c0392b" fill-opacity="0.7" stroke="#fff"><title>{escape(label)}</title></circle></a>')
    out.append("</svg>")
    return Markup("".join(out))
