# circulars: two commands do everything (`make run`, `make test`); see README.md.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
CODE := pipeline ocr extract bench samples tests
export PYTHAINLP_OFFLINE := 1
export OMP_THREAD_LIMIT := 1

# Debian packages the pipeline needs: the OCR engine with Thai data (language and script
# models; libtesseract5 is the library the workers load in-process; the osd model tells which
# way up a turned page is), poppler for PDF tools,
# Thai fonts (sample generator, reports), pango/harfbuzz for WeasyPrint rendering, chromium
# for the report's browser test.
SYS_PKGS := tesseract-ocr libtesseract5 tesseract-ocr-tha tesseract-ocr-script-thai tesseract-ocr-osd \
            poppler-utils \
            fonts-thai-tlwg libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 python3-venv \
            chromium

.PHONY: help sysdeps venv run test lint samples bench bench-families model clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

sysdeps:  ## install the Debian packages when any is missing (needs root)
	@missing=$$(for p in $(SYS_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "missing Debian packages: $$missing -- run as root, or: sudo apt-get install $$missing" >&2; exit 1; \
	  fi; \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11" >&2; exit 1; }
	@# A virtualenv left half-made by an interrupted run (no pip) is made again.
	$(PY) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

venv: sysdeps $(VENV)/.installed  ## create .venv and install the package with dev extras

run: venv  ## process samples/ into criteria_out/
	$(PY) -m pipeline run samples/seeds samples/docs --out criteria_out

test: lint  ## ruff, mypy, then the test suite (real Tesseract, real PDFs, real seeds)
	$(PY) -m pytest -q

lint: venv  ## ruff and mypy (configured in pyproject.toml)
	$(PY) -m ruff check $(CODE)
	$(PY) -m mypy

samples: venv  ## regenerate the synthetic sample documents and their truth
	$(PY) -m samples.generate

bench: venv  ## accuracy per layout family (validation split) and speed (writes bench/results/, docs/BENCHMARKS.md, ~30 min)
	@[ -f samples/generated/order_lampang_scan.pdf ] && [ -d samples/generated/families/validation ] \
	  || $(PY) -m samples.generate
	$(PY) -m pipeline bench

bench-families: venv  ## only the layout families on the validation split (~10 min)
	@[ -d samples/generated/families/validation ] || $(PY) -m samples.generate --split validation
	$(PY) -m pipeline bench --only families

MODEL_MINUTES ?= 100
model: venv  ## train the number model ocr/numbers/thnum.traineddata (~100 min, resumes; see ocr/numbers/README.md)
	$(PY) -m ocr.numbers.recipe all --minutes $(MODEL_MINUTES)
	$(PY) -m ocr.numbers.evaluate --confusions
	$(PY) -m ocr.numbers.evaluate

clean:  ## remove the virtualenv and generated output
	rm -rf $(VENV) criteria_out/*/ criteria_out/*.csv criteria_out/*.xlsx samples/generated
