# robusta-go's tasks. `make test` is what CI runs (.ci/run).
GO ?= go
PKGS_RACE := ./runtime/...
TESTDATA_MODULES := gen/testdata/good gen/testdata/bad gen/schema/testdata/playbooks

.PHONY: all demo demo-validate test check standalone fmt vet generate generate-check unit race bench fuzz image chart bench-build

all: test

## demo: start a local control plane, run the stock runner on it, change a
## pod, print the findings, clean up.
demo:
	$(GO) run ./cmd/robusta-demo

## demo-validate: check a good and a bad values file against the built-in
## bundle, exactly as the runner does at start.
demo-validate:
	$(GO) generate ./playbooks/...
	@echo "--- docs/examples/values.yaml"
	FINDINGS_FILE=/tmp/findings.jsonl $(GO) run ./cmd/robusta-gen validate --values docs/examples/values.yaml ./playbooks/... && echo "valid"
	@echo "--- docs/examples/bad-values.yaml (every mistake, with its position)"
	@$(GO) run ./cmd/robusta-gen validate --values docs/examples/bad-values.yaml ./playbooks/... 2>&1; \
		test $$? -eq 1 || { echo "expected validate to fail"; exit 1; }

## test: everything CI checks — formatting, vet, generated files, tests.
test: check unit race

check: standalone fmt vet generate-check

## standalone: fail when a tracked file refers to a directory outside the
## clone (such as a sibling "shared" directory of reading material): a user's
## clone has no such directory, so nothing may read it.
standalone:
	@out=$$(git grep -nE '\.\./shared|/work/[s]hared' -- . || true); \
	if [ -n "$$out" ]; then echo "tracked files refer to a directory outside the repository:"; echo "$$out"; exit 1; fi
	@# Comments cite the contracts of docs/design.md as "Contract N": each must exist.
	@for n in $$(git grep -ohE 'Contract [0-9]+' -- . ':!docs/design.md' | sort -u | cut -d' ' -f2); do \
		grep -q "^## Contract $$n:" docs/design.md || { echo "Contract $$n is cited but docs/design.md has no such section"; exit 1; }; \
	done

## fmt: fail when gofmt would change a file.
fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

## generate: rewrite every generated file (go generate ./...).
generate:
	$(GO) generate ./...
	@# The testdata playbook repos are modules of their own that require this
	@# one: keep their go.sum in step with its dependencies.
	@for d in $(TESTDATA_MODULES); do (cd $$d && GOFLAGS=-mod=mod $(GO) mod tidy) || exit 1; done

## generate-check: fail when go generate changes a file. It compares the
## tree before and after, so it also works on a tree with local edits.
generate-check:
	@state() { git status --porcelain --untracked-files=all; git diff | sha256sum; }; \
	before=$$(state); $(MAKE) --no-print-directory generate || exit 1; after=$$(state); \
	if [ "$$before" != "$$after" ]; then \
		git status --short; echo "go generate ./... changed files: run 'make generate' and commit them"; exit 1; \
	fi

# Tests that need a control plane find it through KUBEBUILDER_ASSETS; the
# script builds it once into the cache and prints its directory.
unit race demo: export KUBEBUILDER_ASSETS = $(shell ./.ci/install-control-plane.sh || echo "control-plane-install-failed")
# The chart, image and editor tests drive the real helm, crane and
# yaml-language-server; the script installs them once into the cache.
unit race: export ROBUSTA_TOOLS = $(shell ./.ci/install-tools.sh || echo "tools-install-failed")

## unit: the packages without concurrency of their own.
unit:
	$(GO) test ./cmd/... ./gen/... ./playbooks/...

## race: the runtime, where the concurrency is, under the race detector.
race:
	$(GO) test -race $(PKGS_RACE)

## bench: the dispatch and generator benchmarks.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./runtime/...

## fuzz: run every fuzz target (values loader, alert webhook, manual request,
## directive parser) in turn, each for FUZZTIME (default 30s).
FUZZTIME ?= 30s
# go test -fuzz takes one target per run, so each package:target pair runs
# in turn for FUZZTIME; the first failure stops the loop.
FUZZ_TARGETS := ./runtime/config/:FuzzLoad ./runtime/alerts/:FuzzWebhook \
	./runtime/manual/:FuzzDecodeRequest ./gen/scan/:FuzzDirectives
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

## bench-e2e: the runner's Kubernetes path (kube.Source → engine → no-op
## action) against a bare client-go informer on a local control plane:
## throughput and latency of updates, RSS and heap after sync with 10k and
## 50k pods, with ratios. Takes a while (creating 50k pods dominates).
## BENCH_E2E_FLAGS passes flags, e.g. BENCH_E2E_FLAGS="-pods 10000 -json".
.PHONY: bench-e2e
bench-e2e:
	$(GO) run ./internal/bench/e2e $(BENCH_E2E_FLAGS)

## bench-gen: generate a synthetic repo of 200 actions in 20 packages and
## time generate, go vet on the same repo and a no-change rerun.
.PHONY: bench-gen
bench-gen:
	$(GO) run ./internal/bench/gen -n 3

## image: build the stock runner (runtime + built-in playbooks) into an OCI
## image tarball with robusta-gen build; IMAGE names it.
IMAGE ?= robusta-runner:dev
image:
	$(GO) run ./cmd/robusta-gen build --tarball robusta-runner.tar --image $(IMAGE) ./playbooks/...

## chart: regenerate the stock chart (charts/robusta-runner) from the
## built-in bundle; go generate does the same.
chart:
	$(GO) run ./cmd/robusta-gen chart --out charts/robusta-runner ./playbooks/...

## bench-build: warm robusta-gen build --binary against a plain go build of
## the same generated main.
bench-build:
	$(GO) run ./internal/bench/build
