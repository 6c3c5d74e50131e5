# Plain targets; the README's two commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

.PHONY: setup run test lint build bench fuzz
setup: $(BIN)/.installed

run: setup  ## set up, build the database, make every figure's shape once, start the app
	$(BIN)/python -m cxdash build
	$(BIN)/python -m cxdash shapes
	$(BIN)/streamlit run dashboard.py

test: setup  ## every test, including the real-browser ones
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

build: setup
	$(BIN)/python -m cxdash build

bench: setup
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/speed.py --quick --sessions 0 --respondents 1000000
	$(BIN)/python bench/respondents.py
	$(BIN)/python bench/tickets.py

fuzz: setup  ## a long property-based run over every page, in AppTest and in Chromium
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py tests/test_fuzz_browser.py -q -p no:randomly -p no:cacheprovider --hypothesis-show-statistics
