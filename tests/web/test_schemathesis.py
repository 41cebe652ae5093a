"""Schemathesis: generated requests for every operation of the OpenAPI schema, on a ledger of
part of the story corpus (with a write token, so the review operations run past their check);
the app must never answer with a server error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from sitrep import Workspace
from sitrep.web import create_app

STORY = Path(__file__).resolve().parents[2] / "examples" / "story"


def _app():
    db = Path(tempfile.mkdtemp(prefix="sitrep-st-")) / "st.db"
    with Workspace.open(db) as ws:
        ws.ingest(sorted(STORY.glob("0[1-5]-*.txt")))
        token = ws.store.create_token("fuzzer")
    return create_app(db), token


APP, TOKEN = _app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])
