# regcoord — the two commands of the README's Quick start:
#   make run     install missing Debian packages, build, write report.html on the bundled US data
#   make check   the same set-up, the whole test suite, then the suite again under ASan + UBSan
# Other targets: make build, make bench, make clean.

BUILD      ?= build
ASAN_BUILD ?= build-asan
CMAKE_GEN  := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: deps build run check test asan bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DRC_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/regcoord report tests/data/us_income/usjoin.csv --wide pcincome \
	    --region STATE_FIPS --regions tests/data/us_income/us48_census_regions.csv \
	    --group census_region --geo tests/data/us_income/us48.shp \
	    --title "US state incomes 1929–2009" -o report.html

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

asan: deps
	@[ -f $(ASAN_BUILD)/CMakeCache.txt ] || cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DRC_WERROR=ON -DRC_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

check: test asan

bench: build
	bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) report.html
