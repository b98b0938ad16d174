# The README's two commands: `make demo` and `make test`. Everything else is a helper for them.
BUILD ?= build
PRESET ?= release
JOBS ?= 2

.PHONY: deps build test demo clean format

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake --preset $(PRESET) -B $(BUILD)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) --timeout 900

demo: build
	$(BUILD)/zijin demo

clean:
	rm -rf $(BUILD)

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i
