# rolepack — make targets. "make test" is what CI runs (.ci/run).
GO        ?= go
BIN       ?= bin/rolepack
CONTENT   ?= content
OUT       ?= output
FUZZTIME  ?= 60s
# Fuzz targets, as package:Target:N, where N is the number of inputs the
# smoke run in "make test" tries: a fixed count, so that a slow or loaded
# machine takes longer instead of failing (each is a few seconds here).
# N counts the inputs already in the fuzz cache too: on a fresh clone that
# is the seeds, and the rest are new inputs.
FUZZERS   = ./generator/model:FuzzLoad:500 ./generator/model:FuzzLoadShape:3000 ./generator/model:FuzzPosIndex:50000 \
            ./generator/model:FuzzRenderMarkdown:5000 ./generator/textsafe:FuzzLine:20000 ./cmd/rolepack:FuzzRenderers:40 \
            ./generator/verify:FuzzRead:20000 ./generator/importxlsx:FuzzImportSheetXML:600 \
            ./generator/pdf:FuzzLayoutWork:2000 ./generator/pdf/pdfdoc:FuzzShape:20000 ./generator/pdf/subset:FuzzSubset:5000 \
            ./generator/messages:FuzzLoad:3000 ./generator/register:FuzzRead:3000 \
            ./generator/ledger:FuzzRead:20000 ./generator/ackservice:FuzzParse:20000
# The tests that exercise concurrency, run again under the race detector
# by make test, as package:regexp: parallel loading, the build's staging
# and swap, the site's parallel pages, the per-person renderer and serve,
# on the minimal and example packs. The rest of the suite runs without
# -race: most of it is single-threaded typesetting, which the detector
# slows about sixfold and has nothing to watch in.
RACE      = './generator/model:^(TestMinimalPackLoads|TestExamplePackLoads|TestLoadErrors|TestLoadReportsEveryProblem|TestMarkdownReadConcurrently|TestHRPresets)$$' \
            './generator/build:.' \
            './generator/site:^(TestExampleSite|TestDeterministic|TestSharedBlocks)$$' \
            './generator/pipeline:^(TestBuildWritesEveryRegisteredFile|TestBuildStopsAnApprovedDocumentWithErrors)$$' \
            './generator/pdf:^TestPeopleRenderInParallel$$' \
            './generator/view:^TestMemo$$' \
            './generator/ledger:^TestConcurrentAppends$$' \
            './generator/ackservice:^(TestConcurrentAcknowledgements|TestAcknowledgeAndReplay)$$' \
            './cmd/rolepack:^TestServe'
# make dist: the release files (docs/release.md). VERSION is what the
# binaries print and the archives are named by: git describe's, without the
# leading "v", as "go install" prints it; DIST_EPOCH, every archive entry's
# time, is the commit's (or SOURCE_DATE_EPOCH when set).
DIST         ?= dist
VERSION      ?= $(patsubst v%,%,$(shell git describe --tags --always --dirty 2>/dev/null))
DIST_EPOCH   ?= $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null))
DIST_TARGETS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64
STATICCHECK ?= $(shell command -v staticcheck 2>/dev/null || echo $(shell $(GO) env GOPATH)/bin/staticcheck)

.PHONY: all build example test test-all test-race docs-check test-short lint fmt bench fuzz fuzz-smoke clean dist

all: lint test

## build: compile the rolepack command into bin/
build:
	$(GO) build -o $(BIN) ./cmd/rolepack

## dist: the release files in DIST (dist/): rolepack for each of
## DIST_TARGETS in a tar.gz (zip for Windows) and SHA256SUMS, the same bytes
## for the same commit on any machine (docs/release.md)
dist:
	$(GO) run ./internal/dist/cmd/rolepack-dist -go "$(GO)" -out "$(DIST)" -version "$(VERSION)" -epoch "$(DIST_EPOCH)" $(DIST_TARGETS)

## example: build the example pack (content/) into output/
example:
	$(GO) run ./cmd/rolepack build --content $(CONTENT) --out $(OUT)

## test: what CI runs (docs/testing.md): vet; every test without the race
## detector, reading back a sample of each pack's people and including the
## docs check; the concurrency tests under -race; a fixed-count fuzz smoke
test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...
	$(MAKE) test-race
	$(MAKE) fuzz-smoke

## test-all: the exhaustive tier, before resolving an issue that touches an
## output: every person's files of every pack, the slowest property checks,
## the concurrency tests under -race, every fuzzer for FUZZTIME_ALL
FUZZTIME_ALL ?= 30s
test-all:
	$(GO) vet ./...
	ROLEPACK_TEST_ALL=1 $(GO) test -count=1 -timeout 90m ./...
	$(MAKE) test-race
	$(MAKE) fuzz FUZZTIME=$(FUZZTIME_ALL)

## test-race: the tests that exercise concurrency (RACE), under -race
test-race:
	@for r in $(RACE); do \
		pkg=$${r%%:*}; run=$${r#*:}; \
		echo "race $$pkg $$run"; \
		$(GO) test -race -count=1 -timeout 30m -run "$$run" $$pkg || exit 1; \
	done

## docs-check: no merge-conflict markers, every Markdown link and anchor
## resolves, every command and flag of --help is in the README, docs/ci.md
## shows the CI recipes as they are (also part of make test)
docs-check:
	$(GO) test -count=1 ./internal/docscheck/
	$(GO) test -count=1 -run '^(TestHelp|TestCIRecipesInDocs)' ./cmd/rolepack/

## test-short: quick tests only
test-short:
	$(GO) test -short ./...

## lint: gofmt, go vet and staticcheck
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@if [ ! -x "$(STATICCHECK)" ]; then $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2; fi
	$(STATICCHECK) ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

## bench: full builds of sizes S, M and L (stage times, peak RSS), then Go benchmarks of the hot paths
bench:
	bench/bench.sh
	$(GO) test -run '^$$' -bench . -benchmem ./generator/...

## fuzz: run every fuzzer for FUZZTIME each (a crasher is saved under testdata/fuzz: commit it)
fuzz:
	@for f in $(FUZZERS); do \
		pkg=$${f%%:*}; rest=$${f#*:}; name=$${rest%%:*}; \
		echo "fuzz $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 5s || exit 1; \
	done

## fuzz-smoke: run every fuzzer for its fixed number of inputs (see FUZZERS)
fuzz-smoke:
	@for f in $(FUZZERS); do \
		pkg=$${f%%:*}; rest=$${f#*:}; name=$${rest%%:*}; n=$${rest##*:}; \
		echo "fuzz $$name ($$pkg) for $$n inputs"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $${n}x -fuzzminimizetime 100x || exit 1; \
	done

## clean: remove build products (output/ keeps its .gitignore)
clean:
	rm -rf bin
	find $(OUT) -mindepth 1 ! -name .gitignore -exec rm -rf {} +
