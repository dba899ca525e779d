# Docket — make run | make test | make bench
# Installs the Debian packages it needs when they are missing (sudo only when not root).

DEB_PACKAGES := libgit2-dev libsqlite3-dev libncursesw5-dev pkg-config git tmux libqrencode-dev faketime librime-dev rime-data-pinyin-simp zbar-tools sane-utils chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SWIFT ?= swift
DEMO_DATA ?= demo-data
BENCH_CASES ?= 2000
BENCH_SYNC_CASES ?= 1000
# The court node of `bench court` is built once (several minutes) in .build/bench-court and kept for later runs.
BENCH_COURT_CASES ?= 100000
PAYSIM_LISTEN ?= 127.0.0.1:8480

.PHONY: deps build test run bench kill-trials clean

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

# kill -9 of either side in the middle of a batched sync, 50 times (make test runs 4).
kill-trials: build
	DOCKET_KILL_TRIALS=50 $(SWIFT) test --skip-build --filter BatchKillTests

# The kiosk on a demo court node, with the payment simulator standing in for the QR payment service.
run: build
	@if [ ! -d "$(DEMO_DATA)" ]; then .build/debug/docket demo --data "$(DEMO_DATA)"; fi
	@.build/debug/docket config set payments.qr.url http://$(PAYSIM_LISTEN) --data "$(DEMO_DATA)" >/dev/null
	@cat "$(DEMO_DATA)/DEMO.txt"; sleep 3
	@.build/debug/docket-paysim --listen $(PAYSIM_LISTEN) --secret demo-secret >/dev/null 2>&1 & paysim=$$!; \
	LC_ALL=C.UTF-8 .build/debug/docket kiosk --data "$(DEMO_DATA)"; status=$$?; \
	kill $$paysim 2>/dev/null; cat "$(DEMO_DATA)/DEMO.txt"; exit $$status

bench: deps
	$(SWIFT) build -c release --product docket
	.build/release/docket bench ingest --cases $(BENCH_CASES) --writers 1,2
	.build/release/docket bench sync --cases $(BENCH_SYNC_CASES)
	.build/release/docket bench merge
	.build/release/docket bench kiosk
	.build/release/docket bench court --cases $(BENCH_COURT_CASES)
	.build/release/docket bench receive --cases $(BENCH_COURT_CASES)

clean:
	rm -rf .build "$(DEMO_DATA)"
