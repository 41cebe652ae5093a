"""The command line: one thin shell over :class:`sitrep.workspace.Workspace`.

Each command parses its options, makes one core call and renders the result. Errors are turned
into a one-line message and an exit code in one place (:func:`main`):

* 0 everything went through;
* 1 an error stopped the command (bad option, unreadable ledger, score under a floor);
* 3 the command finished but some inputs were rejected (each was reported and recorded).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich import filesize
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from . import __version__
from .engines import ENGINES, make_engine
from .errors import SitrepError
from .ingest import Meter, Overrides, measure
from .models import Claim, Event, Extraction, to_json
from .publish import FORMATS
from .settings import TABLE
from .workspace import IngestSummary, Workspace

EXIT_REJECTED = 3

app = typer.Typer(
    name="sitrep",
    help="Turn war and crisis news into a source-attributed ledger of events and casualty claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

Paths = Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs (.txt, .html, .htm, .jsonl, .warc, .warc.gz, .rss, .atom, .xml feeds, .urls lists).")]
Db = Annotated[str | None, typer.Option("--db", help="Ledger file (SQLite). Default: the 'db' setting, sitrep.db.")]
Published = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for .txt inputs.")]
Url = Annotated[str | None, typer.Option(help="URL of the article, for .txt inputs.")]
Title = Annotated[str | None, typer.Option(help="Title of the article, for .txt inputs.")]
Language = Annotated[str | None, typer.Option(help="Language code, instead of detecting it.")]
MaxBytes = Annotated[int | None, typer.Option(help="Reject inputs larger than this (default 20 MB).")]


def _workspace(db: str | None = None, max_bytes: int | None = None) -> Workspace:
    ws = Workspace.open(db)
    ws.settings = ws.settings.with_(max_bytes=max_bytes)
    return ws


def _overrides(published: str | None, url: str | None, title: str | None, language: str | None) -> Overrides | None:
    if not any((published, url, title, language)):
        return None
    return Overrides(published=published, url=url, title=title, language=language)


def _report_rejection(ref: str, message: str) -> None:
    one_line = " ".join(f"{ref}: {message}".split())
    err.print("[red]rejected[/red] ", end="")
    err.print(one_line, highlight=False, markup=False)


def _claims_table(rows: list[tuple[Claim, str]], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("event", "category", "figure", "qualifier", "claimant", "side", "stance", "verb"):
        table.add_column(col)
    for claim, _ in rows:
        figure = claim.vague or (str(claim.central) if claim.central is not None else f"{claim.low}..{claim.high}")
        table.add_row(
            (claim.event or "-")[-6:], claim.category, figure, claim.qualifier, claim.claimant.name,
            claim.claimant.side, claim.stance, claim.verb or "",
        )
    return table


def _events_table(events: list[Event]) -> Table:
    table = Table(title="Events")
    for col in ("event", "type / sub-type", "place", "date", "actor1 → actor2", "weapons", "claims"):
        table.add_column(col)
    for e in events:
        date = e.date.earliest or "?"
        if e.date.latest and e.date.latest != e.date.earliest:
            date += f"..{e.date.latest}"
        if e.date.precision:
            date += f" (prec {e.date.precision})"
        loc = e.location
        place = ", ".join(x for x in (loc.name, loc.admin1, loc.country) if x) or "?"
        if loc.precision:
            place += f" (prec {loc.precision})"
        actors = f"{e.actor1.name if e.actor1 else '?'} → {e.actor2.name if e.actor2 else '?'}"
        kind = f"{e.type or '-'} / {e.sub_type or '-'}"
        table.add_row(e.id, kind, escape(place), date, escape(actors), ", ".join(e.weapons), str(len(e.claims)))
    return table


@app.command()
def extract(
    paths: Paths,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (the output contract) or table.")] = "jsonl",
    published: Published = None, url: Url = None, title: Title = None, language: Language = None,
    max_bytes: MaxBytes = None,
) -> None:
    """Extract events and claims from articles and print them (the ledger is not touched)."""
    if format not in ("jsonl", "table"):
        raise SitrepError(f"unknown format {format!r}: use jsonl or table")
    ws = Workspace(_workspace(None, max_bytes).settings)
    rejected = 0
    for extraction in ws.extract_sources(paths, _overrides(published, url, title, language)):
        if extraction.rejected is not None:
            rejected += 1
            _report_rejection(extraction.rejected.ref, extraction.rejected.message)
        if format == "jsonl":
            sys.stdout.write(json.dumps(to_json(extraction), ensure_ascii=False) + "\n")
        elif extraction.document is not None:
            _print_extraction(extraction)
    if rejected:
        raise typer.Exit(EXIT_REJECTED)


def _print_extraction(extraction: Extraction) -> None:
    doc = extraction.document
    assert doc is not None
    out.print(_events_table(list(extraction.events)))
    out.print(_claims_table([(c, doc.id) for c in extraction.claims], f"Claims in {doc.ref}"))


@app.command()
def ingest(
    paths: Paths, db: Db = None,
    published: Published = None, url: Url = None, title: Title = None, language: Language = None,
    max_bytes: MaxBytes = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
    engine: Annotated[str, typer.Option(help="Where extraction runs: single (this process), pool (local processes) or dask (a Dask cluster).")] = "single",
    workers: Annotated[int | None, typer.Option(help="Worker processes for pool and dask (default: the CPU count).", min=1)] = None,
    scheduler: Annotated[str | None, typer.Option(help="A Dask scheduler address (tcp://host:8786); default: a local cluster.")] = None,
    no_resolve: Annotated[bool, typer.Option("--no-resolve", help="Only store the articles: no resolution afterwards (sitrep resolve, brief, export and serve do it when needed).")] = False,
    policy: Annotated[str | None, typer.Option(help="Best estimate of the resolution afterwards: conservative or median (default: the ledger's, conservative at first).")] = None,
) -> None:
    """Read, extract and store articles in the ledger (idempotent; re-run to resume), then
    resolve what is new into events across articles (wire copies, estimates). Sources are read
    and the ledger written here; extraction can run on a process pool or Dask."""
    if engine not in ENGINES:
        raise SitrepError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if no_resolve and policy is not None:
        raise SitrepError("--policy is the policy of the resolution: it cannot go with --no-resolve")
    runner = make_engine(engine, workers, scheduler)
    with _workspace(db, max_bytes) as ws, contextlib.closing(runner):
        meter = None
        if err.is_terminal:  # a total for the bar's ETA
            with err.status("measuring the input", spinner="dots"):
                meter = measure(paths)
        with _progress_bar(meter) as progress:
            summary = ws.ingest(paths, _overrides(published, url, title, language), progress, runner,
                                meter=meter, resolve=not no_resolve, policy=policy)
        for r in summary.rejected:
            _report_rejection(r.ref, r.message)
        if as_json:
            out.print_json(data={"db": ws.settings.db, **summary.as_dict(), "engine": engine,
                                 "workers": runner.workers})
        else:
            out.print(_ingest_report(summary, ws.settings.db), highlight=False, markup=False)
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


@contextlib.contextmanager
def _progress_bar(meter: Meter | None) -> Iterator[Callable[[str, str], None] | None]:
    """A progress bar on stderr with rate and ETA (when the meter has a total), as a callback
    for :meth:`Workspace.ingest`; None without a meter (stderr is not a terminal)."""
    if meter is None:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[done]}"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingesting", total=meter.total, done=_done(meter), rate="")
        started = time.monotonic()

        def progress(ref: str, outcome: str) -> None:
            if outcome == "resolving":
                bar.add_task("resolving", total=None, done="", rate="")
                return
            elapsed = time.monotonic() - started
            bar.update(task, completed=meter.completed, done=_done(meter),
                       rate=f"{meter.documents / elapsed:.1f}/s" if elapsed else "")

        yield progress


def _done(meter: Meter) -> str:
    if meter.unit == "bytes":
        total = filesize.decimal(meter.total) if meter.total is not None else "?"
        return f"{filesize.decimal(meter.bytes)} of {total}, {meter.documents} read"
    return f"{meter.documents}/{meter.total if meter.total is not None else '?'}"


def _ingest_report(s: IngestSummary, db: str) -> str:
    """The run summary as a few labelled lines."""
    ingest_seconds = s.seconds - (s.resolved.seconds if s.resolved else 0)
    rate = f", {s.read / ingest_seconds:.1f}/s" if ingest_seconds > 0 and s.read else ""
    by_code = ", ".join(f"{code} {n}" for code, n in sorted(s.rejected_by_code.items()))
    rows = [
        ("read", f"{s.read} inputs in {s.seconds:.1f} s (ingest {ingest_seconds:.1f} s{rate})"),
        ("kept", f"{s.new} new documents in {db}"),
        ("duplicates", f"{s.known} exact (already in the ledger or repeated in this run), "
         + (f"{s.wire_copies} wire copies (kept, counted once)" if s.resolved else "wire copies not looked for (--no-resolve)")),
        ("rejected", f"{len(s.rejected)}" + (f" ({by_code})" if by_code else "")),
        ("added", f"{s.events} article events, {s.claims} claims"),
    ]
    if s.resolved:
        r = s.resolved
        rows.append(("ledger", f"{r.events} events across articles ({r.new_documents} documents newly resolved, "
                               f"best = {r.policy}, {r.seconds:.1f} s)"))
    else:
        rows.append(("ledger", "not resolved (--no-resolve): sitrep resolve does it"))
    return "\n".join(f"{label:<11} {text}" for label, text in rows)


@app.command()
def resolve(
    db: Db = None,
    policy: Annotated[str, typer.Option(help="Best estimate: conservative (ACLED/UCDP practice) or median.")] = "conservative",
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
) -> None:
    """Group articles' events into events across articles, with claim history, estimates and
    contradictions (incremental and idempotent: re-run after each ingest)."""
    with _workspace(db) as ws:
        s = ws.resolve(policy)
    if as_json:
        out.print_json(data=dataclasses.asdict(s))
    else:
        out.print(
            f"{s.new_documents} new of {s.documents} documents resolved ({s.wire_copies} wire copies, "
            f"{s.copies} copy links); "
            f"{s.written} events written, {s.events} in the ledger; best = {s.policy}; "
            f"{s.seconds:.1f} s", highlight=False,
        )


@app.command()
def claims(
    db: Db = None,
    event: Annotated[str | None, typer.Option(help="Only the claims of this event id.")] = None,
    category: Annotated[str | None, typer.Option(help="Only this category (killed, injured, ...).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
) -> None:
    """List the claims in the ledger."""
    with _workspace(db) as ws:
        rows = ws.claims(event=event, category=category)
        if format == "jsonl":
            for claim, doc_id in rows:
                sys.stdout.write(json.dumps({"document": doc_id, **to_json(Extraction(None, claims=(claim,)))["claims"][0]}) + "\n")
        else:
            out.print(_claims_table(rows, f"Claims in {ws.settings.db}"))


@app.command()
def events(
    db: Db = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
) -> None:
    """List the events in the ledger."""
    with _workspace(db) as ws:
        evs = ws.events()
        if format == "jsonl":
            for e in evs:
                sys.stdout.write(json.dumps(to_json(Extraction(None, events=(e,)))["events"][0]) + "\n")
        else:
            out.print(_events_table(evs))


@app.command()
def brief(
    event: Annotated[str | None, typer.Argument(help="Resolved event id (or the id of one article's event); omit with --largest.")] = None,
    db: Db = None,
    largest: Annotated[bool, typer.Option(help="Brief the most reported event (most sources, then figures).")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="md (Markdown) or html (one self-contained page).")] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
) -> None:
    """Write the "what we know" brief of one event: what, where, when, who; the estimates with
    their rules; every claimant's figure with the sentence that states it and a numbered source;
    how figures changed; contradictions. Resolves newly ingested articles first."""
    if format not in ("md", "html"):
        raise SitrepError(f"--format must be md or html, not {format!r}")
    with _workspace(db) as ws:
        if event is None:
            if not largest:
                raise SitrepError("name an event id, or pass --largest")
            chosen = ws.largest_event()
            if chosen is None:
                raise SitrepError(f"{ws.settings.db} has no events")
            event = chosen.event.id
        text = ws.brief(event, format)
    if output:
        _write_atomic(output, text)
        err.print(f"brief of {event} written to {output}", highlight=False)
    else:
        sys.stdout.write(text)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@app.command()
def export(
    db: Db = None,
    format: Annotated[str, typer.Option("--format", "-f", help=(
        "jsonl (the ledger contract: one resolved event a line), acled (ACLED-style CSV), "
        "ucdp (UCDP GED-style CSV), geojson, parquet (claims table), csv (claims table), "
        "claimreview (schema.org ClaimReview JSON-LD)."))] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (required for parquet); default standard output.")] = None,
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only", help="Only events and claims a person confirmed.")] = False,
) -> None:
    """Export the resolved ledger (resolves newly ingested articles first). Every automated row
    says review=proposed and carries its confidence."""
    if format not in FORMATS:
        raise SitrepError(f"--format must be one of {', '.join(FORMATS)}, not {format!r}")
    with _workspace(db) as ws:
        try:
            n = ws.export(format, output, reviewed_only=reviewed_only)
        except ValueError as exc:
            raise SitrepError(str(exc)) from exc
    if output:
        err.print(f"{n} events exported as {format} to {output}", highlight=False)


@app.command()
def serve(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    private: Annotated[bool, typer.Option("--private", help="Reads need a token too (default: open reads, token-guarded writes).")] = False,
) -> None:
    """Browse the ledger in a web app (events, map, event pages with evidence, briefs) with a
    read-only JSON API under /api (schema at /openapi.json). Resolves new articles first."""
    import uvicorn

    from .web import create_app

    with _workspace(db) as ws:
        path = ws.settings.db
    err.print(f"serving {path} on http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(path, private=private), host=host, port=port, log_level="warning")


token_app = typer.Typer(help="Write tokens: who may review the ledger through the web app and API.",
                        no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who the token is for (shown in the audit trail).")],
    db: Db = None,
) -> None:
    """Create (or replace) NAME's write token and print it once; the ledger keeps only its hash."""
    with _workspace(db) as ws:
        try:
            secret = ws.store.create_token(name)
        except ValueError as exc:
            raise SitrepError(str(exc)) from exc
    sys.stdout.write(secret + "\n")
    err.print(f"token for {name} created: keep it secret; it is not shown again", highlight=False)


@token_app.command("list")
def token_list(db: Db = None) -> None:
    """Token names with when they were created and revoked (never the secrets)."""
    with _workspace(db) as ws:
        for name, created, revoked in ws.store.list_tokens():
            out.print(f"{name}\tcreated {created}" + (f"\trevoked {revoked}" if revoked else ""), highlight=False)


@token_app.command("revoke")
def token_revoke(name: Annotated[str, typer.Argument(help="Whose token to revoke.")], db: Db = None) -> None:
    """Revoke NAME's token (its reviews stay in the audit trail)."""
    with _workspace(db) as ws:
        if not ws.store.revoke_token(name):
            raise SitrepError(f"{name} has no token in force")
    err.print(f"token of {name} revoked", highlight=False)


@app.command()
def rejected(db: Db = None) -> None:
    """List the inputs the ledger recorded as rejected, with the reason."""
    with _workspace(db) as ws:
        table = Table(title="Rejected inputs")
        for col in ("input", "stage", "code", "reason"):
            table.add_column(col)
        for r in ws.store.list_rejected():
            table.add_row(r.ref, r.stage, r.code, r.message)
        out.print(table)


@app.command(name="eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold files: *.gold.json (claim gold) or .jsonl with a 'gold' object per record.")],
    min_precision: Annotated[float, typer.Option(help="Fail below this claim precision.")] = 0.0,
    min_recall: Annotated[float, typer.Option(help="Fail below this claim recall.")] = 0.0,
    min_killed: Annotated[float, typer.Option(help="Fail below this killed accuracy (incident gold).")] = 0.0,
    min_injured: Annotated[float, typer.Option(help="Fail below this injured accuracy (incident gold).")] = 0.0,
    min_place: Annotated[float, typer.Option(help="Fail below this share of events placed within the gold distance (25 km).")] = 0.0,
    min_date: Annotated[float, typer.Option(help="Fail below this share of event dates that contain the gold date.")] = 0.0,
    show: Annotated[bool, typer.Option(help="List misses and false positives.")] = False,
) -> None:
    """Score extraction against gold files and print precision, recall and per-category figures."""
    from .evaluate import run_eval

    report = run_eval(Workspace(_workspace().settings), gold)
    out.print(report.render(show=show), highlight=False)
    failures = report.failures(min_precision, min_recall, min_killed, min_injured,
                               min_place=min_place, min_date=min_date)
    for f in failures:
        err.print(f"[red]below floor[/red]: {f}")
    if failures:
        raise typer.Exit(1)


@app.command()
def settings() -> None:
    """List the settings, their defaults, and where they can be set."""
    table = Table(title="Settings (sitrep.toml, then SITREP_<NAME> variables, then flags)")
    for col in ("name", "default", "meaning"):
        table.add_column(col)
    for s in TABLE:
        table.add_row(s.name, str(s.default), s.help)
    out.print(table)


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"sitrep {__version__}")
        raise typer.Exit()


def main() -> None:
    """Entry point: the app in standalone mode (usage errors exit 2, ``typer.Exit`` carries its
    code), with sitrep's own errors turned into one line and exit code 1."""
    try:
        app()
    except SitrepError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        sys.exit(1)
