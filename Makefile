# CrossTrace — quick start: `make run`, `make test`.
SWIFT ?= swift
# Debian packages the build and the tests need.
APT_PACKAGES := libzint-dev zbar-tools dmtx-utils libssl-dev pkg-config libsqlite3-dev openssl python3-jsonschema
DATA ?= data

.PHONY: deps build test run clean sim bench bench-quick

## Install missing system packages (as root, or through sudo).
deps:
	@scripts/install-deps.sh $(APT_PACKAGES)

build: deps
	$(SWIFT) build

## Every test: unit, property, fuzz-style, simulation seeds and CLI.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## A local 4-validator network with demo data; prints the URLs. Ctrl-C stops it.
run: build
	@scripts/demo.sh "$$($(SWIFT) build --show-bin-path)/crosstrace" "$(DATA)"

## Benchmarks (not part of `make test`): BENCHMARKS.md and benchmarks/results.json.
bench: deps
	@scripts/install-deps.sh postgresql curl
	scripts/bench.sh full

## The same table at a smaller scale, about 2 minutes after the release build.
bench-quick: deps
	@scripts/install-deps.sh postgresql curl
	scripts/bench.sh quick

clean:
	rm -rf .build $(DATA)
