# Two entry points: `make run` (the app) and `make test` (the whole suite). Both build .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test venv dev browser bench lint

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

venv: $(VENV)/.runtime
dev: $(VENV)/.dev

# Debian's Chromium for the browser tests; Playwright drives it (browsers cannot be downloaded here).
# The CJK fonts let screenshots of the Chinese interface show characters rather than boxes, and with
# DejaVu Sans they draw every character of the GIF export (core/figures/gif.py); nginx is the proxy of
# the scale-out test (deploy/scale_out.sh).
browser:
	@{ command -v chromium >/dev/null && fc-list :lang=zh | grep -q . && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf && \
	   { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null; } || \
	  { $(SUDO) apt-get update -q && \
	    $(SUDO) apt-get install -y -q chromium chromium-driver fonts-dejavu-core fonts-noto-cjk nginx; }

run: venv
	$(PY) -m streamlit run serve.py

# Two workers, one per core, each test file on one of them (its server and browser fixtures with it): most
# of a browser test is waiting, so the suite takes ~10 minutes here instead of ~15.
test: lint browser
	$(PY) -m pytest -n 2 --dist loadfile

bench: dev browser
	$(PY) -m benchmarks.run

# The formatter owns the layout: `make lint` fails on code it would reformat.
lint: dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
