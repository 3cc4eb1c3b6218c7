# The two commands of README.md: `make run` serves the demo site, `make test` runs every test.
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py

.PHONY: run test test-browser install messages translations lint format bench bench-newsletter lighthouse

# The development environment: the production dependencies plus the test and lint tools
# (requirements-dev.lock); the production image installs requirements.lock only.
$(VENV)/.installed: requirements-dev.lock
	@echo "==> Creating $(VENV) and installing the locked dependencies (requirements-dev.lock)"
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed

translations: install
	@echo "==> Compiling the Finnish and Russian interface translations"
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=node_modules -v0

run: translations
	@echo "==> Migrating the database (DATABASE_URL, default: db.sqlite3)"
	$(MANAGE) migrate --noinput
	@echo "==> Collecting static files"
	$(MANAGE) collectstatic --noinput -v0
	@echo "==> Loading the demo content"
	TASKS_IMMEDIATE=true $(MANAGE) load_demo_content
	@echo "==> Serving http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/); scheduled pages are published and events past a date moved on to their next every minute, event reminders, the purge of old sign-ups and of finished background tasks (which hold mail addresses) run hourly, background tasks done by a worker"
	@export SITE_WARM_URL=http://127.0.0.1:8000; \
		( i=0; while sleep 60; do $(MANAGE) publish_scheduled >/dev/null 2>&1; \
			$(MANAGE) refresh_event_dates >/dev/null 2>&1; \
			if [ $$((i % 60)) -eq 0 ]; then $(MANAGE) send_event_reminders >/dev/null 2>&1; \
			$(MANAGE) purge_registrations >/dev/null 2>&1; \
			$(MANAGE) prune_db_task_results --min-age-days 2 --failed-min-age-days 7 >/dev/null 2>&1; \
			fi; i=$$((i + 1)); done ) & loop=$$!; \
		$(MANAGE) db_worker --interval 1 & worker=$$!; \
		trap "kill $$loop $$worker 2>/dev/null" EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:8000

# npm packages of the tests: axe-core for the browser tests, ical.js for the calendar tests of
# the main suite. Defined before the targets that need them (make expands prerequisites as it
# reads them).
NODE_PACKAGES := tests/browser/node_modules/.package-lock.json
$(NODE_PACKAGES): tests/browser/package.json tests/browser/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for axe-core and ical.js: apt-get install npm" >&2; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	@touch $@

# The Nu Html Checker that tests/test_real_clients_html.py runs with the machine's Java (npm).
VNU := tests/validators/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): tests/validators/package.json tests/validators/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the Nu Html Checker: apt-get install npm" >&2; exit 1; }
	npm ci --prefix tests/validators --no-audit --no-fund --loglevel=error
	@touch $@

test: translations $(NODE_PACKAGES) $(VNU)
	@echo "==> Running the test suite on $${DATABASE_URL:-SQLite}"
	$(VENV)/bin/pytest
	@$(MAKE) --no-print-directory test-browser

# Real-browser tests (Playwright + Debian's Chromium, axe-core from npm) in a pytest session of
# their own; screenshots go to test-artifacts/screenshots/.
test-browser: translations $(NODE_PACKAGES)
	@echo "==> Running the browser tests on $${DATABASE_URL:-SQLite}"
	$(VENV)/bin/pytest tests/browser

# For developers: refresh the message catalogues after changing interface strings.
messages: install
	$(MANAGE) makemessages -l fi -l ru --ignore=$(VENV) --ignore=node_modules --ignore=staticfiles --no-obsolete

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

# Rewrites the code in the project's style (pyproject.toml [tool.ruff]); `make lint` checks it.
format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The load benchmark of README.md ("Performance"): PostgreSQL, gunicorn and wrk on this machine.
bench: translations
	$(PYTHON) bench/run.py

# One newsletter issue to 2,000 subscribers through a real db_worker to a local SMTP sink: messages
# a second and the worker's peak memory (bench/newsletter.py; KILL_AFTER=N kills it mid-run).
bench-newsletter: translations
	$(PYTHON) bench/newsletter.py $(if $(KILL_AFTER),--kill-after $(KILL_AFTER))

# The front-end benchmark of README.md ("Performance"): Lighthouse's mobile scores, Debian's Chromium.
LIGHTHOUSE := bench/node_modules/lighthouse/cli/index.js
$(LIGHTHOUSE): bench/package.json bench/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for Lighthouse: apt-get install npm" >&2; exit 1; }
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: translations $(LIGHTHOUSE)
	$(PYTHON) bench/lighthouse.py
