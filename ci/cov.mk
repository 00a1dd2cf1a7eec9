# ci/cov.mk - included by the Makefile: `make cov`, llvm source-based coverage
# of the sans-IO code (src/util, src/proto, src/conf, src/core).
#
# A fourth flavour, build/cov (clang-14 -fprofile-instr-generate
# -fcoverage-mapping, -O0), of the library and of everything that drives it
# without sockets: each unit/parse test, the transcript runner, and each fuzz
# target with the plain replay driver.  ci/cov.sh runs them (the transcripts
# over tests/transcripts/*.t, the replays over fuzz/corpus/<target>/), merges
# the profiles, writes build/cov/html/ and prints the summary line that
# ci/check.sh compares with ci/coverage-min.txt.

LLVM_PROFDATA ?= llvm-profdata-14
LLVM_COV      ?= llvm-cov-14
# -O0: the mapping follows the source most closely, and it compiles fastest.
COV_CFLAGS    := $(STD) -O0 -g $(WARN) -fprofile-instr-generate -fcoverage-mapping

$(eval $(call FLAVOUR,cov,$(CLANG),$(COV_CFLAGS)))

$(BUILD)/cov/tests/%: tests/unit/%.c $(BUILD)/cov/libpostern.a tests/unit/pt_test.h
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -Itests/unit $(COV_CFLAGS) -o $@ $< $(BUILD)/cov/libpostern.a
$(BUILD)/cov/tests/%: tests/parse/%.c $(BUILD)/cov/libpostern.a tests/unit/pt_test.h tests/parse/cmd_dump.h
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -Itests/unit $(COV_CFLAGS) -o $@ $< $(BUILD)/cov/libpostern.a
$(BUILD)/cov/transcripts: tests/transcripts/runner.c $(BUILD)/cov/libpostern.a
	$(CLANG) $(CPPFLAGS) $(COV_CFLAGS) -o $@ $< $(BUILD)/cov/libpostern.a
$(BUILD)/cov/replay/%: fuzz/%.c fuzz/replay_main.c $(BUILD)/cov/libpostern.a
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) $(COV_CFLAGS) -o $@ $< fuzz/replay_main.c $(BUILD)/cov/libpostern.a

COV_BINS := $(patsubst %.c,$(BUILD)/cov/tests/%,$(notdir $(UNIT_SRC))) \
            $(BUILD)/cov/transcripts \
            $(patsubst %,$(BUILD)/cov/replay/%,$(FUZZ_T))

.PHONY: cov cov-bins
cov-bins: $(COV_BINS)

# The build may run in parallel (make -j cov); the runs and the report come
# after it, in one script.
cov: cov-bins
	@LLVM_PROFDATA=$(LLVM_PROFDATA) LLVM_COV=$(LLVM_COV) bash ci/cov.sh $(BUILD)
