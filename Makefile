# Docket — make run | make test | make bench
# Installs the Debian packages it needs when they are missing (sudo only when not root).

DEB_PACKAGES := libgit2-dev libsqlite3-dev libncursesw5-dev pkg-config git tmux libqrencode-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
DEMO_DATA ?= demo-data
BENCH_CASES ?= 2000
BENCH_SYNC_CASES ?= 1000

.PHONY: deps build test run bench clean

deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --build-tests

# The tests run the built `docket` binary too, so build everything once, then run.
test: build
	$(SWIFT) test --skip-build

run: build
	@if [ ! -d "$(DEMO_DATA)" ]; then .build/debug/docket demo --data "$(DEMO_DATA)"; fi
	.build/debug/docket case list --data "$(DEMO_DATA)"

bench: deps
	$(SWIFT) build -c release --product docket
	.build/release/docket bench ingest --cases $(BENCH_CASES)
	.build/release/docket bench sync --cases $(BENCH_SYNC_CASES)
	.build/release/docket bench merge

clean:
	rm -rf .build "$(DEMO_DATA)"
