# Build and test toolchain of the qualys.was collection. `make help` lists the targets.
#
# Everything runs from the repository root. The tools live in two virtualenvs made by `make setup`, one per
# supported ansible-core line. The collection is tested from synced copies under build/collections/, one per stage
# and line, because ansible-test needs a real .../ansible_collections/qualys/was path and keeps its virtualenvs in
# the copy's tests/output, and because `make test` runs the stages side by side (tools/test-all). The scripts in
# tools/ say why each step is done as it is.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Supported ansible-core lines: the oldest (meta/runtime.yml's requires_ansible) and the newest, each with the
# Python its controller runs on. The newest line's virtualenv also holds every other tool.
OLD_SERIES := 2.19
OLD_PYTHON := 3.11
OLD_VENV := .venv-$(OLD_SERIES)
# The Python of the supported range, 3.8 to 3.13, that the newest line no longer supports: the oldest line's tests
# that run on one Python at a time run there alone (see sanity and units).
OLD_ONLY_PYTHON := 3.8
NEW_SERIES := 2.21
NEW_PYTHON := 3.12
NEW_VENV := .venv
LINES := $(OLD_SERIES)/$(OLD_PYTHON)/$(OLD_VENV) $(NEW_SERIES)/$(NEW_PYTHON)/$(NEW_VENV)
ALL_SERIES := $(OLD_SERIES) $(NEW_SERIES)
comma := ,
space := $(subst ,, )

# The port of `make simulator`, the one to point playbooks at by hand.
SIM_PORT ?= 18443
# The port of the simulator that demo starts for itself; integration and bench always pick one. 0 lets it pick
# a free one (they read the address it announces), so that a simulator already running on SIM_PORT cannot break them.
TEST_SIM_PORT ?= 0

PYTHON := $(NEW_VENV)/bin/python
BUILD := build
COLLECTIONS := $(BUILD)/collections
# The synced copy a stage tests for a line: $(call copy,STAGE,SERIES); $(call copy,,SERIES) is `make collection`'s.
# Each stage refreshes its own copies as it starts, so that stages running at once never share one.
copy = $(COLLECTIONS)/$(if $(1),$(1)/)$(2)/ansible_collections/qualys/was
# $(call sync,STAGE,SERIES...)
sync = for series in $(2); do tools/sync-collection $(COLLECTIONS)/$(if $(1),$(1)/)$$series/ansible_collections/qualys/was; done
LOGS := $(BUILD)/logs
DEMO_PLAYBOOK := docs/examples/demo.yml
DEMO_INVENTORY := docs/examples/inventory.yml
BENCH := tests/bench/bench.py

# For the scripts in tools/
export LINES
export PYTHON_BIN_DIR := $(CURDIR)/$(BUILD)/python-bin
# Each line's ansible-test runs with a HOME of its own there (tools/run-ansible-test says why)
export ANSIBLE_TEST_HOMES := $(HOME)/.ansible/test/homes
export LOG_DIR := $(CURDIR)/$(LOGS)
# The newest line's tools (ansible-playbook, ansible-galaxy, black, ...) come first
export PATH := $(CURDIR)/$(NEW_VENV)/bin:$(PATH)

.PHONY: help setup demo test sanity units integration system lint docs simulator bench verify-tenant clean distclean \
	collection ansible-test-ready

help:
	@echo "make setup        virtualenvs with the pinned toolchain:"
	@echo "                  $(NEW_VENV) (ansible-core $(NEW_SERIES), Python $(NEW_PYTHON), every tool)"
	@echo "                  and $(OLD_VENV) (ansible-core $(OLD_SERIES), Python $(OLD_PYTHON))"
	@echo "make demo         install the collection and run $(DEMO_PLAYBOOK) twice against the simulator"
	@echo "make test         everything CI checks: lint, sanity, units, integration, system"
	@echo "make lint         ansible-lint, antsibull-docs, antsibull-changelog, black, shellcheck,"
	@echo "                  ansible-doc of every module from the built and installed tarball"
	@echo "make sanity       ansible-test sanity on every supported ansible-core line"
	@echo "make units        ansible-test units on every supported ansible-core line: $(NEW_SERIES) on Python"
	@echo "                  $(NEW_UNIT_PYTHONS), $(OLD_SERIES) on $(OLD_ONLY_PYTHON) (the oldest and newest Pythons)"
	@echo "make integration  ansible-test integration against the simulator: every target on $(NEW_SERIES), one per"
	@echo "                  runner on $(OLD_SERIES) ($(OLD_LINE_TARGETS))"
	@echo "                  (TARGETS=\"was_web_app ...\" those targets alone, LINE=$(NEW_SERIES) that line alone)"
	@echo "make docs         the HTML docsite, module pages and guides, in $(BUILD)/docs/html"
	@echo "make system       ansible-playbook runs against simulators: faults, load, hostile input, secrets"
	@echo "make simulator    the Qualys WAS simulator in the foreground on port $(SIM_PORT) (SIM_PORT=...)"
	@echo "make bench        API calls and timings of typical tasks against the simulator"
	@echo "make verify-tenant  which variant of each undocumented behaviour a real subscription shows, and the"
	@echo "                  simulator settings that reproduce it (QUALYS_* variables; writes only with"
	@echo "                  ALLOW_WRITES=true)"
	@echo "make collection   refresh the copies under $(COLLECTIONS)/ that the stages test"
	@echo "make clean        remove build outputs; make distclean also removes the virtualenvs"

# --- environments --------------------------------------------------------------------------------------------

setup: $(NEW_VENV)/.installed $(OLD_VENV)/.installed

# A stamp per virtualenv, newer than its pin list: a second `make setup` does nothing.
# Jenkins' JUnit schema (its xUnit plugin's junit-10.xsd), which tests/system/test_ci_formats.py validates
# findings_to_junit's reports against, is in no installable package: the source distribution of the pinned pytest
# carries it (testing/example_scripts/junit-10.xsd, for pytest's own tests), so that is kept, unbuilt, in
# $(NEW_VENV)/sdists.
$(NEW_VENV)/.installed: tools/requirements-$(NEW_SERIES).txt
	tools/make-venv $(NEW_VENV) $(NEW_PYTHON) $<
	$(NEW_VENV)/bin/python -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: \
		--dest $(NEW_VENV)/sdists "$$(grep '^pytest==' $<)" || { rm -f $@; exit 1; }

# Optional: without its Python the line is reported as skipped, here and by every stage.
$(OLD_VENV)/.installed: tools/requirements-$(OLD_SERIES).txt
	tools/make-venv $(OLD_VENV) $(OLD_PYTHON) $< --optional

# A copy per line to use by hand (ANSIBLE_COLLECTIONS_PATH=build/collections/SERIES); the stages refresh copies of
# their own, so that they always match the work tree.
collection:
	@$(call sync,,$(ALL_SERIES))

# ansible-test's pip bootstrap and interpreters, for whichever lines are installed.
ansible-test-ready: setup
	@$(PYTHON) tools/prepare_ansible_test.py $(PYTHON_BIN_DIR) $(ANSIBLE_TEST_HOMES) $(NEW_VENV) $(OLD_VENV)

# --- stages --------------------------------------------------------------------------------------------------

# The stages run side by side (tools/test-all): STAGE:N runs a stage at niceness N, so that the CPU-bound
# ansible-test stages leave the processor to the simulators and playbooks of integration and system, whose
# timeouts are short.
# The two virtualenvs are made at once, and everything the stages share is ready before they start.
test:
	@$(MAKE) --no-print-directory -j2 setup
	@$(MAKE) --no-print-directory ansible-test-ready
	@MAKE="$(MAKE)" tools/test-all lint sanity:10 units:10 integration system

# The oldest line runs its tests that take one Python per run (compile, import) on OLD_ONLY_PYTHON alone: the
# newest line runs them on every other Python of the range, 3.9 and later.
sanity: setup ansible-test-ready
	@$(call sync,sanity,$(ALL_SERIES))
	@COLLECTIONS_DIR=$(CURDIR)/$(COLLECTIONS)/sanity LINE_OPTIONS="$(OLD_SERIES)=--python,$(OLD_ONLY_PYTHON)" \
		tools/run-ansible-test sanity --venv

# The unit tests run on the oldest and the newest Python of the supported range, 3.8 to 3.13: the newest line on
# the oldest and the newest Python it supports here (NEW_UNIT_PYTHONS; its controller tests, those outside
# plugins/modules and plugins/module_utils, on the newer one alone, the only one of them that is a controller
# Python), the oldest line on the one Python the newest does not support (OLD_ONLY_PYTHON). Code that works on
# both ends of the range seldom breaks on a Python between them, and sanity's compile and import tests still check
# every Python the lines support. Each Python left out spares about 50 CPU seconds of a cold run (its virtualenv,
# and its pytest sessions).
NEW_UNIT_PYTHONS := 3.9 3.13
units: setup ansible-test-ready
	@$(call sync,units,$(ALL_SERIES))
	@COLLECTIONS_DIR=$(CURDIR)/$(COLLECTIONS)/units \
		LINE_OPTIONS="$(OLD_SERIES)=--python,$(OLD_ONLY_PYTHON) $(foreach python,$(NEW_UNIT_PYTHONS),$(NEW_SERIES)=--python,$(python))" \
		tools/run-ansible-test units --venv

# Each line gets a simulator of its own (the lines run at once and each target resets its simulator through the
# control API before it starts). ansible-test passes the variables of each copy's
# tests/integration/integration_config.yml, written with that simulator's address, to every target.
# Every target runs whatever the others did (each resets the simulator first), so that one failure hides no other.
# TARGETS="was_web_app ..." runs those targets alone, LINE=2.21 one ansible-core line alone.
# The newest line runs every target. The oldest runs OLD_LINE_TARGETS, one target per runner of module_utils (the
# modules of a runner differ only in their field tables, which ansible-core does not see): a resource module, with
# the leak check of its secrets at -vvv and --diff; an _info module; the resource modules of sets and of the
# finding register; and the action runner, with the report it writes to a file. The make test time budget has no
# room for the oldest line to repeat the others.
OLD_LINE_TARGETS := was_auth_record was_web_app_info was_scan_schedules was_finding_ignores was_report
integration: setup ansible-test-ready
	@$(call sync,integration,$(or $(LINE),$(ALL_SERIES)))
	@COLLECTIONS_DIR=$(CURDIR)/$(COLLECTIONS)/integration $(if $(LINE),LINES="$(filter $(LINE)/%,$(LINES))") \
		TARGETS="$(TARGETS)" LINE_TARGETS="$(OLD_SERIES)=$(subst $(space),$(comma),$(OLD_LINE_TARGETS))" \
		tools/run-ansible-test --simulator $(CURDIR)/$(PYTHON) integration --venv --continue-on-error

lint: setup
	@$(call sync,lint,$(NEW_SERIES))
	@COLLECTION_DIR=$(CURDIR)/$(call copy,lint,$(NEW_SERIES)) tools/lint

# The docsite of the newest line's copy: antsibull-docs reads the collection, and its docs/docsite guides, from
# ANSIBLE_COLLECTIONS_PATH. Not part of `make test`: lint checks the same sources without the Sphinx build.
docs: setup
	@$(call sync,docs,$(NEW_SERIES))
	@started=$$SECONDS; \
	ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS)/docs/$(NEW_SERIES) tools/build-docs $(BUILD)/docs >/dev/null; \
	echo "== docs: built in $$((SECONDS - started))s, $(BUILD)/docs/html/index.html"

# pytest suites in tests/system start their own simulators and run ansible-playbook against them, from the newest
# line's copy. Exit status 5 (no test collected) is a failure like any other.
# The slowest tests are listed at the end, for the time budget of make test. Their files are shared out among one
# pytest-xdist worker per core: most of their time is waiting for playbooks and simulators, and a file's tests share
# the simulators and playbook runs of its module-wide fixtures.
system: setup
	@$(call sync,system,$(NEW_SERIES))
	@started=$$SECONDS; status=0; \
	cd $(call copy,system,$(NEW_SERIES)) && PYTHONPATH=$(CURDIR)/$(COLLECTIONS)/system/$(NEW_SERIES) \
		ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS)/system/$(NEW_SERIES) \
		$(CURDIR)/$(PYTHON) -m pytest -p no:cacheprovider -rfE --durations=15 -n auto --dist loadfile tests/system \
		|| status=$$?; \
	elapsed=$$((SECONDS - started)); \
	if [[ $$status -eq 0 ]]; then echo "== system: passed in $${elapsed}s (fault matrix in $(LOGS)/fault-matrix.md)"; \
	else echo "== system: FAILED (pytest exit status $$status) in $${elapsed}s"; exit 1; fi

# --- running the collection ----------------------------------------------------------------------------------

simulator: setup
	$(PYTHON) -m tests.simulator --port $(SIM_PORT)

# The newest line's virtualenv is all the demo uses.
demo: $(NEW_VENV)/.installed
	@if [[ ! -f $(DEMO_PLAYBOOK) ]]; then \
		echo "== demo: the demo playbook ($(DEMO_PLAYBOOK)) arrives with the modules; nothing to run yet"; \
		exit 0; \
	fi; \
	tools/build-collection $(BUILD)/demo >/dev/null; \
	ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(BUILD)/demo/collections \
		tools/with-simulator --python $(PYTHON) --port $(TEST_SIM_PORT) --log $(LOGS)/simulator-demo.log \
		--fixture tests/simulator/fixture-empty.json -- tools/demo-playbook $(DEMO_PLAYBOOK) $(DEMO_INVENTORY) $(LOGS)

# The benchmark imports ansible_collections.qualys.was from the newest line's copy, starts its own simulators (one per
# tenant size, from fixtures it writes), writes the numbers to build/bench.json and, from them, docs/benchmark.md and
# its plot. The playbooks it runs use the virtualenv's Python, which has requests and xmltodict, on localhost.
# BENCH_ARGS=--smoke checks the call counts alone, in a few seconds; BENCH_ARGS="--only waits" (or findings) measures
# that part alone and replaces only its section of the page.
BENCH_ARGS ?=
bench: setup
	@$(call sync,bench,$(NEW_SERIES))
	@PYTHONPATH=$(CURDIR)/$(COLLECTIONS)/bench/$(NEW_SERIES) \
		ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS)/bench/$(NEW_SERIES) \
		ANSIBLE_PYTHON_INTERPRETER=$(CURDIR)/$(PYTHON) \
		$(PYTHON) $(BENCH) --out $(BUILD)/bench.json $(BENCH_ARGS)
	@if [[ " $(BENCH_ARGS) " == *" --smoke "* ]]; then echo "== bench: smoke passed"; \
	elif [[ " $(BENCH_ARGS) " =~ " --only "([a-z]+) ]]; then \
		$(PYTHON) tests/bench/report.py --section $${BASH_REMATCH[1]} $(BUILD)/bench.json docs/benchmark.md; \
		echo "== bench: done, numbers in $(BUILD)/bench.json and the $${BASH_REMATCH[1]} section of docs/benchmark.md"; \
	else \
		$(PYTHON) tests/bench/report.py $(BUILD)/bench.json docs/benchmark.md docs/benchmark.png; \
		echo "== bench: done, numbers in $(BUILD)/bench.json, docs/benchmark.md and docs/benchmark.png"; \
	fi

# Asks a real subscription how it behaves where the API documents are silent and prints the simulator settings that
# reproduce it. Connection from QUALYS_API_URL (or QUALYS_PLATFORM), QUALYS_USERNAME, QUALYS_PASSWORD and
# QUALYS_VALIDATE_CERTS. Searches and reads only, unless ALLOW_WRITES=true: then it also creates, changes and deletes
# a throw-away option profile and a deactivated schedule.
VERIFY_PLAYBOOK := docs/examples/verify_tenant.yml
ALLOW_WRITES ?= false
verify-tenant: setup
	@if [[ -z "$${QUALYS_API_URL:-}$${QUALYS_PLATFORM:-}" || -z "$${QUALYS_USERNAME:-}" || -z "$${QUALYS_PASSWORD:-}" ]]; then \
		echo "verify-tenant: set QUALYS_API_URL or QUALYS_PLATFORM, QUALYS_USERNAME and QUALYS_PASSWORD" >&2; exit 2; \
	fi
	ansible-playbook -i localhost, $(VERIFY_PLAYBOOK) -e allow_writes=$(ALLOW_WRITES)

# --- cleaning ------------------------------------------------------------------------------------------------

clean:
	rm -rf $(BUILD) tests/output tests/integration/integration_config.yml tests/integration/inventory
	rm -f qualys-was-*.tar.gz

distclean: clean
	rm -rf $(NEW_VENV) $(OLD_VENV)
