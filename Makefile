# `make run` and `make test` work as root on a fresh Debian 12 machine: they
# install missing packages, configure, build (Release) and go.
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 20
JOBS ?= $(shell nproc)
# ccache: paths relative to the checkout, so every clone shares one cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps build run test test-sanitize test-tsan fuzz bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j$(JOBS)

run: build
	scripts/run-quickstart.sh $(BUILD)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS) --timeout 300

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLOCUSTPP_SANITIZE=ON
	cmake --build $(SANITIZE_BUILD) -j$(JOBS)
	ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j$(JOBS) --timeout 600

# The runtime, the HTTP client, the web UI and the cluster under
# ThreadSanitizer: the control thread, the worker threads, plugin threads and
# the ZeroMQ socket threads share the statistics, the watchdog's view of each
# worker, the host services, the messages and the log.
TSAN_TARGETS = locustpp locustpp-demo-target locustpp-fault-server http_client_test http_faults_test \
	stuck_code_test user_behaviour_test events_test runtime_live_stats_test stats_shard_alloc_test \
	http_response_parser_test http_url_test web_ui_test web_routes \
	cluster_test cluster_hostile_test cluster compat custom_messages runner_kind custom_arguments web_ui_cache_stats \
	control_controller_test control_local_users_test unit_pool_users
TSAN_TESTS = ^(ControlController|ControlLocalUsers|HttpClient|HttpFaults|StuckCode|UserBehaviour|Events|LiveStats|StatsShardAllocations|ResponseParser|Url|WebUi|WebLogin|HtmlReport|ClusterPythonMaster|ClusterLocustppMaster|ClusterWorker|ClusterExamples)[./]|^ClusterHostilePeers\.(APeer|AWorkerWhose|Numbers)
test-tsan: deps
	cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLOCUSTPP_SANITIZE=thread
	cmake --build $(TSAN_BUILD) -j$(JOBS) --target $(TSAN_TARGETS)
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  ctest --test-dir $(TSAN_BUILD) --output-on-failure -j$(JOBS) --timeout 600 -R '$(TSAN_TESTS)'

# The libFuzzer targets of fuzz/ (clang, ASan + UBSan), FUZZ_SECONDS each
# over a copy of their seed corpora; fails on any crash (scripts/run-fuzz.sh).
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) scripts/run-fuzz.sh $(FUZZ_BUILD)

bench: build
	bench/run.sh all --build-dir $(BUILD)

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)
