# The README's commands. Every target makes .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint bench samples fixtures package package-check check-exports clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[gui,dev]'
	touch $(STAMP)

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/cbadiff-gui resources/samples/expired.docx resources/samples/proposed.docx

test: $(STAMP) lint
	$(BIN)/pytest -q -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check parsers cbadiff desktop tests bench resources packaging
	$(BIN)/mypy parsers cbadiff
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

samples: $(STAMP)
	$(BIN)/python -m resources.samples.build

fixtures: $(STAMP)
	$(BIN)/python -m tests.fixtures.generate

package: $(STAMP)
	$(BIN)/pip install -q -e '.[package]'
	$(BIN)/python packaging/build.py

package-check: package
	$(BIN)/python packaging/check.py

# Opens the exports in LibreOffice (tracked changes must match) and renders them to PNG.
check-exports: $(STAMP)
	$(BIN)/python scripts/check_exports.py $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info
