# picmark — the front door. `make run` serves the app, `make test` runs every test.
# Both install what a fresh Debian machine lacks (chromium, node) or say what is missing.

GO       ?= go
ADDR     ?= 127.0.0.1:8080
WASM_ENV := GOOS=js GOARCH=wasm
# The browser's binary without its name section (-s: 257 KB raw, 55 KB
# brotli; Go's own stack traces do not need it) and without build paths.
# cmd/picmark/e2e_test.go builds the tests' copy with the same flags.
WASM_FLAGS := -trimpath -ldflags='-s -w'
WASM_EXEC = $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
GO_FILES := $(shell find app cmd internal -name '*.go' -not -name '*_test.go') go.mod go.sum
# Root installs with apt-get directly; others through sudo when there is one.
SUDO     := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: all run build test bench fuzz deps clean

all: build

## build: the wasm binary (web/app.wasm: the page and its image workers) and the native CLI (bin/picmark)
build: web/app.wasm bin/picmark

# pigo's face cascade is embedded from the module cache, not committed.
FACES := internal/crop/facefinder

$(FACES): go.mod internal/crop/gencascade.go
	$(GO) mod download github.com/esimov/pigo
	$(GO) generate ./internal/crop

# web/worker.wasm* are left over from before the workers ran app.wasm: the
# server would precache them.
web/app.wasm: $(GO_FILES) $(FACES)
	$(WASM_ENV) $(GO) build $(WASM_FLAGS) -o $@ ./cmd/picmark
	rm -f web/worker.wasm web/worker.wasm.br web/worker.wasm.gz

bin/picmark: $(GO_FILES) $(FACES)
	$(GO) build -o $@ ./cmd/picmark

## run: build, then serve the app on http://$(ADDR)
run: build
	./bin/picmark serve -addr $(ADDR)

# axe-core checks the page's accessibility in the browser tests; it comes from npm, not the repository.
AXE := .cache/npm/node_modules/axe-core/axe.min.js

$(AXE):
	npm install --no-save --no-audit --no-fund --prefix .cache/npm axe-core@4.14.1

## test: vet, every Go test natively (the end-to-end one in headless Chromium included), the engine under wasm in node
test: deps build $(AXE)
	@unformatted=$$(gofmt -l app cmd internal); [ -z "$$unformatted" ] || { echo "gofmt would change: $$unformatted" >&2; exit 1; }
	$(GO) vet ./...
	$(GO) vet -tags bench ./cmd/picmark
	$(WASM_ENV) $(GO) vet ./app/... ./cmd/...
	$(GO) test -count=1 -timeout 20m ./...
	$(WASM_ENV) $(GO) test -count=1 -exec="$(WASM_EXEC)" ./internal/...

## bench: engine micro-benchmarks per stage (allocations reported), then the side-by-side benchmark in headless
## Chromium: picmark vs a canvas reference vs the native CLI, ratios beside the targets. BENCH_JSON=FILE writes
## them as JSON; PICMARK_BENCH_LARGE=1 runs 200 photos of 24 MP (knobs: cmd/picmark/bench_e2e_test.go).
bench: deps $(FACES)
	@ls /usr/share/backgrounds/mate/nature/*.jpg >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 && { echo "Installing mate-backgrounds (Debian package): wallpaper photos the benchmark cuts into test photos…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq mate-backgrounds >/dev/null; } \
		|| echo "No wallpapers: the benchmark paints its test photos instead (it says so)."; }
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...
	BENCH_JSON="$(BENCH_JSON)" $(GO) test -tags bench -count=1 -v -timeout 90m -run '^TestBenchSideBySide$$' ./cmd/picmark

## fuzz: a short run of each fuzz target (the image gate, the sheet readers, the CSV guard, post texts)
FUZZ_PKGS := ./internal/imgio ./internal/sheet ./internal/workbook ./internal/formula ./internal/posts

fuzz: $(FACES)
	@for p in $(FUZZ_PKGS); do for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime 30s -fuzzminimizetime 5s $$p || exit 1; done; done

## deps: install what the tests need on Debian (chromium for the browser tests, node and npm for the wasm and accessibility
## tests, unzip and python3 to read the tests' ZIPs back)
deps:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 || { echo "picmark needs Chromium for its browser tests: install it, then run make test again." >&2; exit 1; }; \
		echo "Installing chromium (Debian package) for the browser tests…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 || { echo "picmark needs Node.js and npm for its tests: install them, then run make test again." >&2; exit 1; }; \
		echo "Installing nodejs and npm (Debian packages) for the wasm and accessibility tests…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	@command -v unzip >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 || { echo "picmark needs unzip and Python 3 to read its tests' ZIPs back: install them, then run make test again." >&2; exit 1; }; \
		echo "Installing unzip and python3 (Debian packages) to read the tests' ZIPs back…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq unzip python3 >/dev/null; }

## clean: remove build outputs
clean:
	rm -rf bin web/app.wasm $(FACES) internal/crop/testdata/face.jpg .cache
