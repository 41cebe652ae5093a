"""Web: the map's basemap, country outlines from Natural Earth as the npm package world-atlas
ships them (TopoJSON), installed beside sitrep by the README's set-up command:

    npm install --prefix .venv/share/sitrep world-atlas@2

Nothing is fetched at run time. Looked for, in order: ``$SITREP_BASEMAP`` (a TopoJSON file),
``<prefix>/share/sitrep/node_modules/world-atlas/countries-50m.json`` (then ``-110m``) under the
Python prefix, and ``node_modules/world-atlas`` in the working directory. Without one the map
draws its graticule and the events only.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path

Ring = list[tuple[float, float]]  # (lon, lat) points
Outline = tuple[tuple[float, float, float, float], Ring]  # (bounding box, ring)


def find() -> Path | None:
    """The TopoJSON file to draw, or None."""
    env = os.environ.get("SITREP_BASEMAP")
    if env:
        return Path(env) if Path(env).is_file() else None
    for root in (Path(sys.prefix) / "share" / "sitrep" / "node_modules", Path.cwd() / "node_modules"):
        for name in ("countries-50m.json", "countries-110m.json"):
            path = root / "world-atlas" / name
            if path.is_file():
                return path
    return None


def decode(topology: dict) -> list[Ring]:
    """Every ring of every polygon of the topology's first object, in (lon, lat)."""
    scale = topology.get("transform", {}).get("scale", [1, 1])
    shift = topology.get("transform", {}).get("translate", [0, 0])
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)

    def ring(indices: list[int]) -> Ring:
        out: Ring = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    rings: list[Ring] = []
    obj = next(iter(topology["objects"].values()))
    for geom in obj.get("geometries", []):
        polys = [geom["arcs"]] if geom.get("type") == "Polygon" else geom.get("arcs", []) if geom.get("type") == "MultiPolygon" else []
        for poly in polys:
            rings.extend(ring(r) for r in poly)
    return rings


@cache
def outlines() -> tuple[Outline, ...]:
    """Country rings with their bounding boxes (read once per process), or () without a file."""
    path = find()
    if path is None:
        return ()
    try:
        rings = decode(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return ()
    out = []
    for r in rings:
        if len(r) >= 3:
            lons = [p[0] for p in r]
            lats = [p[1] for p in r]
            out.append(((min(lons), min(lats), max(lons), max(lats)), r))
    return tuple(out)
