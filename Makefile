# The two set-up commands of the README: `make build` and `make test`. Each installs what it needs.
PYTHON ?= python3
PIP = $(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore

.PHONY: build test lint bench bench-runtime bench-report install install-lint install-test

## Build the default course into dist/ (installs the package first).
build: install
	$(PYTHON) -m scorm_builder build

## Run the lint and type gates, then the whole test suite (installs test tools, Node packages and
## Debian's Chromium first).
test: install-test lint
	$(PYTHON) -m pytest

## Run the gates alone: ruff and mypy on the Python code, ESLint on the scripts the packages and the
## preview ship (settings in pyproject.toml and eslint.config.js).
lint: install-lint
	$(PYTHON) -m ruff check scorm_builder tests benchmarks
	$(PYTHON) -m mypy
	npx --no -- eslint "scorm_builder/runtime/**/*.js" "scorm_builder/preview/static/*.js"

## Print build times and package sizes.
bench: install
	$(PYTHON) benchmarks/bench_build.py

## Print the runtime's size, time to interactive and LMS calls per learner action (in Chromium).
bench-runtime: install-test
	$(PYTHON) benchmarks/bench_runtime.py

## Print the group report's time and peak memory beside DuckDB's on 20,000 generated learners.
bench-report: install
	$(PYTHON) benchmarks/bench_report.py

install:
	$(PIP) -e .

# npm --ignore-scripts: no test tool needs an install script (Learning Locker's dependencies would try to
# fetch native binaries).
install-lint: install
	$(PIP) -e '.[test]'
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

install-test: install-lint
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
