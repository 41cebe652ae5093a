# One-word tasks. The README's two commands are the canonical set-up; these reuse its venv.
PY := .venv/bin/python

.PHONY: setup demo test lint bench eval
setup:
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[test]'
demo: setup
	.venv/bin/sitrep ingest examples --db sitrep.db && .venv/bin/sitrep events --db sitrep.db && .venv/bin/sitrep claims --db sitrep.db && .venv/bin/sitrep brief --largest --db sitrep.db -o brief.md
test: setup
	$(PY) -m pytest
lint:
	.venv/bin/ruff check src tests bench
bench:
	$(PY) bench/bench_extract.py
	$(PY) bench/bench_ingest.py
	$(PY) bench/bench_hostile.py
	$(PY) bench/bench_gazetteer.py
	$(PY) bench/bench_dates.py
	$(PY) bench/bench_resolve.py --sizes 1000 10000
eval:
	.venv/bin/sitrep eval examples/*.gold.json ../shared/data/seed/*.gold.json ../shared/data/dev/gva.jsonl
