# camket: two commands for a fresh machine (see README).
#   make run    set up, ingest the bundled corpus into the default store, print a summary
#   make test   set up (with test extras and the npm test readers), run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= .camket/store

.PHONY: run test setup setup-test serve clean constraints

# Every Python package is installed at the exact version in constraints.txt.
$(BIN)/camket: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(BIN)/camket

setup: $(BIN)/camket

# node + npm run the GEXF reader test (graphology-gexf); Debian's chromium runs
# the end-to-end browser tests; Debian's Virtuoso is one of the stores the
# bench smoke runs use. Installed when missing and we may (root + apt).
setup-test: setup
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null || [ ! -x /usr/bin/chromium ] || ! command -v virtuoso-t >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium virtuoso-opensource $$(command -v npm >/dev/null || echo nodejs npm) >/dev/null; \
	  else echo "note: node/npm, /usr/bin/chromium or virtuoso-t missing: the GEXF-reader, browser and Virtuoso runs will be skipped"; fi; \
	fi
	@if [ -f package.json ] && command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; fi

run: setup
	$(BIN)/camket ingest data/corpus --store $(STORE)
	$(BIN)/camket stats --store $(STORE)
	$(BIN)/camket facts --store $(STORE) --format summary

serve: setup
	$(BIN)/camket serve --store $(STORE)

test: setup-test
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .camket *.egg-info

# Re-pin constraints.txt to what the venv holds (after changing a dependency).
constraints: setup
	{ echo "# Exact versions of every Python package camket and its tests install (pip -c)."; \
	  echo "# Regenerate after a dependency change: make constraints"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^camket\|^# Editable'; } > constraints.txt
