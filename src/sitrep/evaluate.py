"""Evaluate: score extraction against gold answers (the measure of shared/data/README.md).

Two gold formats are read:

* **claim gold** (``*.gold.json``, as ``data/seed/``): the events and claims a careful reader
  finds, with sides, stances and value ranges; ``optional`` claims may be present or absent. A
  system claim matches a gold claim of the same category, claimant side (a state's ISO code, else
  ``OTHER``) and stance whose value it fits. A second system claim restating a matched gold claim
  is a duplicate (neither a hit nor a false positive); every other system claim is a false
  positive.
* **incident gold** (JSONL records with a ``gold`` object, as ``data/dev/gva.jsonl``): the final
  killed and injured counts of the article's incident. The prediction is the largest asserted
  figure of the article's main event (the event with most claims), 0 when there is none.

Pure functions over :class:`~sitrep.models.Extraction` and parsed gold; the CLI does the I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .annotate.gazetteer import km
from .models import Claim, Event, Extraction

INF = math.inf


def side_of(claim: Claim) -> str:
    """The side as scored: a state's ISO code, else OTHER (OTHER, SELF, unknown)."""
    side = (claim.claimant.side or "").upper()
    return side if len(side) == 2 and side.isalpha() else "OTHER"


def _value(claim: Claim) -> tuple[float, float, float | None]:
    central = claim.central if claim.central is not None else claim.low
    low = claim.low if claim.low is not None else (central if central is not None else -INF)
    high = claim.high if claim.high is not None else INF
    return float(low), float(high), None if central is None else float(central)


def value_matches(gold: dict[str, Any], claim: Claim) -> bool:
    """Whether a system claim's figure fits a gold claim's value (range, central or vague word)."""
    glo = float(gold["low"]) if gold.get("low") is not None else -INF
    ghi = float(gold["high"]) if gold.get("high") is not None else INF
    slo, shi, sce = _value(claim)
    if gold.get("vague"):
        if (claim.vague or "").lower() == str(gold["vague"]).lower():
            return True
        return slo <= ghi and glo <= shi and shi != INF
    if sce is not None and glo <= sce <= ghi:
        return True
    gce = gold.get("central")
    return gce is not None and sce is not None and sce == gce


def _same(gold: dict[str, Any], claim: Claim) -> bool:
    return (
        claim.category == gold["category"]
        and side_of(claim) == gold["claimant_side"]
        and claim.stance == gold.get("stance", "asserts")
        and value_matches(gold, claim)
    )


@dataclass
class ClaimScore:
    """Counts for one article (or a sum over articles), overall and per category."""

    found: int = 0  # required gold claims matched
    required: int = 0
    matched: int = 0  # system claims that matched a gold claim (optional ones too)
    scored: int = 0  # system claims minus duplicates
    missing: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    per_category: dict[str, Counter[str]] = field(default_factory=dict)
    matches: dict[str, int] = field(default_factory=dict)  # gold claim id → system claim index

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.scored if self.scored else 1.0

    def add(self, other: ClaimScore) -> None:
        self.found += other.found
        self.required += other.required
        self.matched += other.matched
        self.scored += other.scored
        self.missing += other.missing
        self.false_positives += other.false_positives
        for cat, counts in other.per_category.items():
            self.per_category.setdefault(cat, Counter()).update(counts)


def score_claims(extraction: Extraction, gold: dict[str, Any]) -> ClaimScore:
    """Score one article's claims against its claim gold."""
    claims = list(extraction.claims)
    used: set[int] = set()
    matched_gold: dict[str, int] = {}
    score = ClaimScore()
    name = gold.get("id", "?")
    for g in gold["claims"]:
        cat = score.per_category.setdefault(g["category"], Counter())
        hit = next((i for i, c in enumerate(claims) if i not in used and _same(g, c)), None)
        if not g.get("optional"):
            score.required += 1
            cat["gold"] += 1
        if hit is None:
            if not g.get("optional"):
                score.missing.append(
                    f"{name} {g['id']}: {g['category']} "
                    f"{g.get('vague') or g.get('central') or g.get('low')} by {g['claimant_side']}"
                )
            continue
        used.add(hit)
        matched_gold[g["id"]] = hit
        cat["tp"] += 1
        if not g.get("optional"):
            score.found += 1
            cat["found"] += 1
    golds = {g["id"]: g for g in gold["claims"]}
    dups = {
        i for i, c in enumerate(claims)
        if i not in used and any(_same(golds[gid], c) for gid in matched_gold)
    }
    for i, c in enumerate(claims):
        if i in used or i in dups:
            continue
        score.per_category.setdefault(c.category, Counter())["fp"] += 1
        score.false_positives.append(
            f"{name}: {c.category} {c.low}..{c.high} {c.vague or ''} side={side_of(c)} "
            f"stance={c.stance} by {c.claimant.name!r}"
        )
    score.matched = len(used)
    score.scored = len(claims) - len(dups)
    score.matches = matched_gold
    return score


def place_ok(event: Event | None, lat: float, lon: float, max_km: float = 25.0) -> bool:
    loc = event.location if event is not None else None
    return loc is not None and loc.lat is not None and loc.lon is not None and km(
        loc.lat, loc.lon, lat, lon) <= max_km


def date_ok(event: Event | None, earliest: str, latest: str) -> bool:
    """The event's date range overlaps the gold range (for one day: contains it)."""
    d = event.date if event is not None else None
    if d is None or not d.earliest:
        return False
    return d.earliest <= latest and (d.latest or d.earliest) >= earliest


@dataclass
class EventScore:
    """Place, date, type and actor sides of the gold events reached through matched claims
    (claim gold), or of the main event (incident gold: place and date only)."""

    n: int = 0
    place: int = 0
    date: int = 0
    typed: int = 0
    actors: int = 0
    typed_n: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: EventScore) -> None:
        for name in ("n", "place", "date", "typed", "actors", "typed_n"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def rate(self, name: str) -> float:
        total = self.typed_n if name in ("typed", "actors") else self.n
        return getattr(self, name) / total if total else 0.0


def score_events(extraction: Extraction, gold: dict[str, Any], matches: dict[str, int]) -> EventScore:
    """Score the events of one article against the events of its claim gold."""
    score = EventScore()
    claims = list(extraction.claims)
    events = {e.id: e for e in extraction.events}
    gold_event = {g["id"]: g.get("event") for g in gold["claims"]}
    for ge in gold.get("events", []):
        if ge.get("optional"):
            continue
        reached = [claims[i].event for gid, i in matches.items()
                   if gold_event.get(gid) == ge["id"] and claims[i].event in events]
        event = events[Counter(reached).most_common(1)[0][0]] if reached else None
        score.n += 1
        score.typed_n += 1
        where, when = ge["location"], ge["date"]
        checks = {
            "place": place_ok(event, where["lat"], where["lon"], where.get("max_km", 25)),
            "date": date_ok(event, when["earliest"], when["latest"]),
            "typed": event is not None and (event.type, event.sub_type) == (ge.get("type"), ge.get("sub_type")),
            "actors": event is not None and _side(event.actor1) == ge.get("actor1_side")
            and _side(event.actor2) == ge.get("actor2_side"),
        }
        for name, ok in checks.items():
            setattr(score, name, getattr(score, name) + ok)
        if not all(checks.values()):
            got = "no event reached" if event is None else (
                f"place {event.location.name} ({event.location.country}), date "
                f"{event.date.earliest}..{event.date.latest}, type {event.type} / {event.sub_type}, "
                f"actors {_side(event.actor1)} → {_side(event.actor2)}")
            bad = ",".join(k for k, ok in checks.items() if not ok)
            score.errors.append(f"{gold.get('id', '?')} {ge['id']} [{bad}]: {got}; gold {where.get('name')} "
                                f"{when['earliest']}..{when['latest']} {ge.get('type')} / {ge.get('sub_type')} "
                                f"{ge.get('actor1_side')} → {ge.get('actor2_side')}")
    return score


def _side(actor: Any) -> str | None:
    return None if actor is None else actor.side


def main_event(extraction: Extraction) -> Event | None:
    """The article's main event: the one with most claims (the first on a tie)."""
    if not extraction.events:
        return None
    counts = Counter(c.event for c in extraction.claims if c.event is not None)
    return max(extraction.events, key=lambda e: counts.get(e.id, 0))


def main_event_figure(extraction: Extraction, category: str) -> int:
    """The largest asserted figure of a category for the article's main event (0 if none)."""
    claims = list(extraction.claims)
    counts = Counter(c.event for c in claims if c.event is not None)
    if counts and extraction.events:
        main = max(extraction.events, key=lambda e: counts.get(e.id, 0)).id
        if any(c.event == main for c in claims):
            claims = [c for c in claims if c.event == main]
    best: float | None = None
    for c in claims:
        if c.category != category or c.stance != "asserts":
            continue
        _, _, central = _value(c)
        if central is None or central == INF:
            continue
        best = central if best is None else max(best, central)
    return int(best) if best is not None else 0


@dataclass
class IncidentScore:
    """Killed and injured accuracy over articles with incident gold."""

    n: int = 0
    killed: int = 0
    injured: int = 0
    geo_n: int = 0
    place: int = 0
    date_n: int = 0
    date: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, extraction: Extraction, gold: dict[str, Any], ref: str) -> None:
        k = main_event_figure(extraction, "killed")
        i = main_event_figure(extraction, "injured")
        self.n += 1
        self.killed += k == gold["num_killed"]
        self.injured += i == gold["num_injured"]
        main = main_event(extraction)
        if gold.get("lat_long"):
            self.geo_n += 1
            self.place += place_ok(main, float(gold["lat_long"][0]), float(gold["lat_long"][1]))
        if gold.get("incident_date"):
            self.date_n += 1
            self.date += date_ok(main, gold["incident_date"], gold["incident_date"])
        if k != gold["num_killed"] or i != gold["num_injured"]:
            self.errors.append(
                f"{ref}: killed {k} (gold {gold['num_killed']}), injured {i} (gold {gold['num_injured']})"
            )

    @property
    def killed_accuracy(self) -> float:
        return self.killed / self.n if self.n else 0.0

    @property
    def injured_accuracy(self) -> float:
        return self.injured / self.n if self.n else 0.0

    @property
    def place_accuracy(self) -> float:
        return self.place / self.geo_n if self.geo_n else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date / self.date_n if self.date_n else 0.0


# ---------------------------------------------------------------------------- running it
@dataclass
class EvalReport:
    """The outcome of ``sitrep eval`` over several gold files."""

    claims: ClaimScore = field(default_factory=ClaimScore)
    events: EventScore = field(default_factory=EventScore)
    incidents: IncidentScore = field(default_factory=IncidentScore)
    articles: int = 0
    rejected: list[str] = field(default_factory=list)

    def failures(self, min_precision: float, min_recall: float, min_killed: float,
                 min_injured: float, *, min_place: float = 0.0, min_date: float = 0.0) -> list[str]:
        """The floors this report falls below."""
        out = []
        for label, n, place, date in (
            ("event", self.events.n, self.events.rate("place"), self.events.rate("date")),
            ("incident", self.incidents.geo_n and self.incidents.n,
             self.incidents.place_accuracy, self.incidents.date_accuracy),
        ):
            if n and place < min_place:
                out.append(f"{label} place accuracy {place:.3f} < {min_place}")
            if n and date < min_date:
                out.append(f"{label} date accuracy {date:.3f} < {min_date}")
        if self.claims.required or self.claims.scored:
            if self.claims.precision < min_precision:
                out.append(f"precision {self.claims.precision:.3f} < {min_precision}")
            if self.claims.recall < min_recall:
                out.append(f"recall {self.claims.recall:.3f} < {min_recall}")
        if self.incidents.n:
            if self.incidents.killed_accuracy < min_killed:
                out.append(f"killed accuracy {self.incidents.killed_accuracy:.3f} < {min_killed}")
            if self.incidents.injured_accuracy < min_injured:
                out.append(f"injured accuracy {self.incidents.injured_accuracy:.3f} < {min_injured}")
        return out

    def render(self, show: bool = False) -> str:
        """A plain-text report: overall figures, then per category."""
        lines = [f"articles scored: {self.articles}"]
        c = self.claims
        if c.required or c.scored:
            lines.append(
                f"claims: precision {c.precision:.3f} ({c.matched}/{c.scored})  "
                f"recall {c.recall:.3f} ({c.found}/{c.required})"
            )
            lines.append(f"{'category':24} {'gold':>5} {'found':>6} {'false+':>7} {'recall':>7}")
            for cat in sorted(c.per_category):
                k = c.per_category[cat]
                rec = k["found"] / k["gold"] if k["gold"] else 1.0
                lines.append(f"{cat:24} {k['gold']:>5} {k['found']:>6} {k['fp']:>7} {rec:>7.2f}")
        e = self.events
        if e.n:
            lines.append(
                f"events: n={e.n} place {e.rate('place'):.3f} date {e.rate('date'):.3f} "
                f"type {e.rate('typed'):.3f} actor sides {e.rate('actors'):.3f}"
            )
        i = self.incidents
        if i.n:
            lines.append(
                f"incidents: n={i.n} killed {i.killed_accuracy:.3f} injured {i.injured_accuracy:.3f} "
                f"place25km {i.place_accuracy:.3f} (of {i.geo_n}) date {i.date_accuracy:.3f} (of {i.date_n})"
            )
        if self.rejected:
            lines.append(f"rejected inputs: {len(self.rejected)}")
        if show:
            lines += [f"MISSING {m}" for m in c.missing]
            lines += [f"FALSE+ {f}" for f in c.false_positives]
            lines += [f"WRONG {err}" for err in i.errors]
            lines += [f"EVENT {err}" for err in e.errors]
            lines += [f"REJECTED {r}" for r in self.rejected]
        return "\n".join(lines)


def run_eval(workspace: Any, paths: list[Any]) -> EvalReport:
    """Extract the articles named by gold files and score them (see the module docstring)."""
    import json
    from pathlib import Path

    from .errors import InputError
    from .ingest import Overrides

    report = EvalReport()
    for raw in paths:
        path = Path(raw)
        if path.name.endswith(".gold.json"):
            try:
                gold = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(f"cannot read gold file: {exc}", ref=str(path)) from exc
            text_path = path.parent / gold["text_file"]
            overrides = Overrides(published=gold.get("published"))
            for extraction in workspace.extract_sources([text_path], overrides):
                if extraction.rejected is not None:
                    report.rejected.append(f"{text_path}: {extraction.rejected.message}")
                    continue
                report.articles += 1
                claim_score = score_claims(extraction, gold)
                report.claims.add(claim_score)
                report.events.add(score_events(extraction, gold, claim_score.matches))
        elif path.suffix == ".jsonl":
            golds: dict[str, dict[str, Any]] = {}
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(rec, dict) and rec.get("gold") and rec.get("id") is not None:
                        golds[str(rec["id"])] = rec["gold"]
            for extraction in workspace.extract_sources([path]):
                if extraction.rejected is not None:
                    report.rejected.append(f"{extraction.rejected.ref}: {extraction.rejected.message}")
                    continue
                doc = extraction.document
                gold = golds.get(doc.ref) if doc is not None else None
                if gold is None:
                    continue
                report.articles += 1
                report.incidents.add(extraction, gold, doc.ref)  # type: ignore[union-attr]
        else:
            raise InputError("not a gold file (*.gold.json or .jsonl with 'gold' records)", ref=str(path))
    return report
