# Praxis: `make run` to try it, `make test` to check it. See README.md.
SHELL      := bash
BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= var/praxis.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc)

.PHONY: all setup praxis web run test unit api e2e asan fuzz bench check clean

all: praxis web

setup:
	@bash scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

praxis: $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

web:
	@[ -d web/node_modules ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)
	@if [ ! -f web/dist/index.html ] || [ -n "$$(find web/src web/index.html web/package.json -newer web/dist/index.html 2>/dev/null | head -1)" ]; then \
		cd web && npm run --silent build; fi

# installs what is missing, builds, creates the demo practice once, serves it
run: setup all
	@bash scripts/run "$(DB)" "$(LISTEN)"

test: setup all
	@bash scripts/test

unit: praxis
	@cd $(BUILD) && ctest --output-on-failure

asan:
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPRAXIS_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory

# libFuzzer targets, each run for FUZZ_SECONDS (default 20) from its seeds
FUZZ_SECONDS ?= 20
fuzz:
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DPRAXIS_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j $(JOBS) -- --no-print-directory >/dev/null
	@for t in build-fuzz/fuzz_*; do mkdir -p build-fuzz/corpus-$$(basename $$t); \
		$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 -artifact_prefix=build-fuzz/ \
		build-fuzz/corpus-$$(basename $$t) $$(ls -d tests/fuzz/seeds/$$(basename $$t) 2>/dev/null) \
		$$(case $$t in *x12*) echo ../shared/fixtures/x12/linuxforhealth ../shared/fixtures/x12/imsweb;; esac) \
		2>&1 | grep -E '^(stat::number_of_executed_units|==|SUMMARY|Done)' ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; done

bench: setup all
	@bash bench/run

# varFuncNullUB: the variadic writers end their lists with NULL, which glibc defines as
# ((void *)0), so it is passed as a pointer
check: praxis
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr --suppress=varFuncNullUB -I src \
		--library=posix --library=scripts/cppcheck-jansson.cfg src

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz web/dist
