# picmark — the front door. `make run` serves the app, `make test` runs every test.
# Both install what a fresh Debian machine lacks (chromium, node) or say what is missing.

GO       ?= go
ADDR     ?= 127.0.0.1:8080
WASM_ENV := GOOS=js GOARCH=wasm
# The browser's binary without its name section (-s: 257 KB raw, 55 KB
# brotli; Go's own stack traces do not need it) and without build paths.
# cmd/picmark/e2e_harness_test.go (e2eBuildSite) builds the tests' copy with the same flags.
WASM_FLAGS := -trimpath -ldflags='-s -w'
WASM_EXEC = $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
GO_FILES := $(shell find app cmd internal -name '*.go' -not -name '*_test.go') go.mod go.sum
# Root installs with apt-get directly; others through sudo when there is one.
SUDO     := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)

.PHONY: all run build test bench fuzz mutate deps clean

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

# wabt assembles web/js/lanczos.wat in a test that checks the committed lanczos.wasm byte for byte
# (its own folder: an npm install into another prefix would prune axe-core).
WABT := .cache/wabt/node_modules/wabt/package.json

$(WABT):
	npm install --no-save --no-audit --no-fund --prefix .cache/wabt wabt@1.0.39

## test: vet, every Go test natively (the end-to-end one in headless Chromium included), the engine and the
## page-worker wire under wasm in node
test: deps build $(AXE) $(WABT)
	@unformatted=$$(gofmt -l app cmd internal); [ -z "$$unformatted" ] || { echo "gofmt would change: $$unformatted" >&2; exit 1; }
	$(GO) vet ./...
	$(GO) vet -tags bench ./cmd/picmark
	$(WASM_ENV) $(GO) vet ./app/... ./cmd/...
	$(GO) test -count=1 -timeout 20m ./...
	$(WASM_ENV) $(GO) test -count=1 -exec="$(WASM_EXEC)" ./internal/... ./app/worker/

## bench: engine micro-benchmarks per stage (allocations reported), then the side-by-side benchmark in headless
## Chromium: picmark vs a canvas reference vs the native CLI, ratios beside the targets. BENCH_JSON=FILE writes
## them as JSON; PICMARK_BENCH_LARGE=1 runs 200 photos of 24 MP (knobs: cmd/picmark/bench_e2e_test.go).
## PICMARK_BENCH_MANY=10000 runs the scale mode instead: that many 1 MP photos into one format, in the real page
## (cmd/picmark/bench_many_test.go).
ifneq ($(PICMARK_BENCH_MANY),)
bench: deps $(FACES)
	BENCH_JSON="$(BENCH_JSON)" PICMARK_BENCH_MANY="$(PICMARK_BENCH_MANY)" $(GO) test -tags bench -count=1 -v -timeout 180m -run '^TestBenchMany$$' ./cmd/picmark
else
bench: deps $(FACES)
	@ls /usr/share/backgrounds/mate/nature/*.jpg >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 && { echo "Installing mate-backgrounds (Debian package): wallpaper photos the benchmark cuts into test photos…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq mate-backgrounds >/dev/null; } \
		|| echo "No wallpapers: the benchmark paints its test photos instead (it says so)."; }
	$(GO) test -run '^$$' -bench . -benchmem ./internal/...
	BENCH_JSON="$(BENCH_JSON)" $(GO) test -tags bench -count=1 -v -timeout 90m -run '^TestBenchSideBySide$$' ./cmd/picmark
endif

## fuzz: a short run of each fuzz target (the image gate, colour profiles, brand kit files, the sheet readers, the CSV guard, post texts)
FUZZ_PKGS := ./internal/imgio ./internal/colour ./internal/brand ./internal/sheet ./internal/workbook ./internal/formula ./internal/posts

fuzz: $(FACES)
	@for p in $(FUZZ_PKGS); do for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
		$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime 30s -fuzzminimizetime 5s $$p || exit 1; done; done

# Mutation testing. gremlins runs by exact version from the Go module proxy,
# not as a go.mod tool: its dependencies (cobra, viper, x/tools…) would join
# the app's module graph. A package fails under either threshold, in percent:
# efficacy is killed ÷ covered mutants, coverage covered ÷ all mutants. The
# thresholds are checked here, not by gremlins' own flags, which also fail a
# package exactly at the threshold. Tests run with -short (the slow ones use
# smaller photos), -vet=off (a mutant vet dislikes is not one a test killed)
# and -count=1: gremlins gives each mutant 10 times as long as its first
# run, which must not come from the test cache (10, not its 3: each mutant
# also rebuilds the package).
GREMLINS        := $(GO) run github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
MUTATE_EFFICACY := 80
MUTATE_COVERAGE := 85
# internal/heiftest is a test helper, tested through imgio's tests.
MUTATE_PKGS     ?= $(filter-out heiftest,$(notdir $(wildcard internal/*)))
MUTATE_WORKERS  ?= 0

## mutate: mutation testing of the engine (about 25 minutes on 2 cores; not part of make test): gremlins changes
## one operator at a time in each package of internal/ and runs its tests in -short mode; prints the mutants that
## lived and each package's efficacy and coverage, and fails under the thresholds above (MUTATE_PKGS="crop geom":
## only those; MUTATE_WORKERS=1 leaves a core free; docs/mutants.md lists the survivors that change nothing a user
## could see)
mutate: $(FACES)
	@mkdir -p .cache/mutate; summary=; failed=; \
	for p in $(MUTATE_PKGS); do \
		echo "internal/$$p: mutating…"; start=$$(date +%s); \
		( cd internal/$$p && GOFLAGS="$$($(GO) env GOFLAGS) -short -vet=off -count=1" $(GREMLINS) unleash \
			--workers $(MUTATE_WORKERS) --timeout-coefficient 10 --exclude-files 'gencascade\.go$$' --output-statuses lct ) \
			> .cache/mutate/$$p.txt 2>&1 || { cat .cache/mutate/$$p.txt; echo "internal/$$p: gremlins failed" >&2; exit 1; }; \
		grep -E 'LIVED|NOT COVERED|TIMED OUT' .cache/mutate/$$p.txt | sed "s|at |at internal/$$p/|"; \
		line=$$(awk -v p=internal/$$p -v s=$$(( $$(date +%s) - start )) -v me=$(MUTATE_EFFICACY) -v mc=$(MUTATE_COVERAGE) ' \
			/^Killed:/ { gsub(",", ""); k = $$2; l = $$4; n = $$7 } /^Timed out:/ { gsub(",", ""); t = $$3 } \
			/^Test efficacy:/ { e = $$3 + 0 } /^Mutator coverage:/ { c = $$3 + 0 } \
			END { printf "%-18s efficacy %6.2f %%  coverage %6.2f %%  (killed %d, lived %d, not covered %d, timed out %d; %dm%02ds)%s", \
				p, e, c, k, l, n, t, s / 60, s % 60, (e < me || c < mc) ? "  ← under the threshold" : "" }' .cache/mutate/$$p.txt); \
		echo "$$line"; summary="$$summary$$line\n"; \
		case "$$line" in *threshold*) failed="$$failed internal/$$p";; esac; \
	done; \
	echo; echo "Mutation testing, tests in -short mode (efficacy ≥ $(MUTATE_EFFICACY) %, coverage ≥ $(MUTATE_COVERAGE) %):"; \
	printf '%b' "$$summary"; \
	[ -z "$$failed" ] || { echo "Under the threshold:$$failed. Kill the mutants that lived with a test, or list them in docs/mutants.md if they change nothing a user could see." >&2; exit 1; }

# The tools the tests run, as command:Debian package (a path for a file): unzip and Python to read the tests' ZIPs
# back; the reference tools the colour and format tests make files with and compare with: LittleCMS's tificc,
# ImageMagick, libtiff's tools, libwebp's cwebp and dwebp, libavif's avifenc and avifdec, libheif's heif-enc and
# heif-convert, Ghostscript's SWOP profile.
TEST_TOOLS := unzip:unzip python3:python3 \
	tificc:liblcms2-utils convert-im6:imagemagick tiffcp:libtiff-tools tiffset:libtiff-tools cwebp:webp dwebp:webp \
	avifenc:libavif-bin avifdec:libavif-bin heif-enc:libheif-examples heif-convert:libheif-examples \
	/usr/share/color/icc/ghostscript/default_cmyk.icc:libgs-common

## deps: install what the tests need on Debian (chromium for the browser tests, node and npm for the wasm and accessibility
## tests, the tools and reference decoders the tests run)
deps:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 || { echo "picmark needs Chromium for its browser tests: install it, then run make test again." >&2; exit 1; }; \
		echo "Installing chromium (Debian package) for the browser tests…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 || { echo "picmark needs Node.js and npm for its tests: install them, then run make test again." >&2; exit 1; }; \
		echo "Installing nodejs and npm (Debian packages) for the wasm and accessibility tests…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	@missing=""; for t in $(TEST_TOOLS); do c=$${t%%:*}; \
		{ command -v $$c >/dev/null 2>&1 || [ -e $$c ]; } || case " $$missing " in *" $${t##*:} "*) ;; *) missing="$$missing $${t##*:}";; esac; done; \
	[ -z "$$missing" ] || { command -v apt-get >/dev/null 2>&1 || { echo "picmark's tests need the Debian packages$$missing: install them, then run make test again." >&2; exit 1; }; \
		echo "Installing$$missing (Debian packages) for the tests' tools and reference decoders…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing >/dev/null; }

## clean: remove build outputs
clean:
	rm -rf bin web/app.wasm $(FACES) internal/crop/testdata/face.jpg .cache
