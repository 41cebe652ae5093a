"""The basemap's TopoJSON decoding and the map's use of it."""

from __future__ import annotations

import json

from sitrep.store import EventSummary
from sitrep.web import basemap, charts


def test_decode_quantized_delta_arcs_and_reversed_arcs():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "arcs": [[[~1]]]},
        ]}},
    }
    rings = basemap.decode(topology)
    assert rings[0] == [(10, 20), (11, 20), (11, 21), (10, 21), (10, 20)]
    assert rings[1] == [(10, 20), (10, 21), (11, 21)]


def test_map_draws_outlines_only_when_a_basemap_is_found(tmp_path, monkeypatch):
    event = EventSummary("d-e1", None, None, "2024-01-01", None, 1, "Town", None, "XA", 20.5, 10.5,
                         1, None, None, 1, 1, 3, None, "proposed", 0.5)
    topo = tmp_path / "t.json"
    topo.write_text(json.dumps({"type": "Topology", "arcs": [[[10, 20], [1, 0], [0, 1], [-1, 0], [0, -1]]],
                                "objects": {"c": {"type": "GeometryCollection",
                                                  "geometries": [{"type": "Polygon", "arcs": [[0]]}]}}}))
    monkeypatch.setenv("SITREP_BASEMAP", str(topo))
    basemap.outlines.cache_clear()
    assert 'class="land"' in charts.event_map([event])
    monkeypatch.setenv("SITREP_BASEMAP", str(tmp_path / "missing.json"))
    basemap.outlines.cache_clear()
    svg = charts.event_map([event])
    assert 'class="land"' not in svg and 'class="marker"' in svg
    basemap.outlines.cache_clear()
