# ci/afl.mk - included by the Makefile.
#
# AFL++ builds of the same fuzz targets, and a local run of the OSS-Fuzz build.
#
#   make afl                        every fuzz/fuzz_*.c as $(BUILD)/afl/<target>
#   make afl-fuzz T=fuzz_imap S=60  run afl-fuzz on one target for S seconds
#   make oss-fuzz-local             ci/oss-fuzz/build.sh as OSS-Fuzz runs it (libFuzzer+ASan)
#
# AFL++ is not part of make test, so ci/deps.sh does not install it:
#   apt-get install afl++           (Debian 12: AFL++ 4.04c, built against clang-14)
#
# afl-clang-fast turns a lone -fsanitize=fuzzer into AFL++'s libFuzzer-compatible
# driver (libAFLDriver.a), so the targets need no change: LLVMFuzzerTestOneInput
# runs in persistent shared-memory mode.  It drops -fsanitize=fuzzer-no-link and
# instruments with its own pass, hence no coverage flag for the library.  ASan and
# UBSan stay on as in the libFuzzer build; `make afl AFL_SAN=` trades them for speed.

AFL_CC     ?= afl-clang-fast
AFL_SAN    ?= -fsanitize=address,undefined -fno-sanitize-recover=undefined
AFL_CFLAGS := $(STD) -O1 -g $(WARN) $(AFL_SAN)
AFL_BINS   := $(patsubst %,$(BUILD)/afl/%,$(FUZZ_T))

# afl-cc prints a banner per call; AFL_QUIET keeps the build log readable.
$(eval $(call FLAVOUR,afl,AFL_QUIET=1 $(AFL_CC),$(AFL_CFLAGS)))

$(BUILD)/afl/%: fuzz/%.c $(BUILD)/afl/libpostern.a
	AFL_QUIET=1 $(AFL_CC) $(CPPFLAGS) $(AFL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/afl/libpostern.a

.PHONY: afl afl-fuzz oss-fuzz-local afl-have-cc
# Say what to install before the first compile fails.
$(call objs,afl) $(AFL_BINS): | afl-have-cc
afl-have-cc:
	@command -v $(AFL_CC) >/dev/null || { echo "afl: no $(AFL_CC): apt-get install afl++"; exit 1; }
afl: $(AFL_BINS)

# The seeds are copied first: afl-fuzz only reads -i, but fuzz/corpus is never
# handed to a fuzzer as a place it may write.  Findings go to
# $(BUILD)/afl-out/T/default/{queue,crashes,hangs}; a second run resumes there.
# The environment: containers often can't set core_pattern or the CPU governor,
# and a shared machine may have no free core to bind to.
AFL_ENV := AFL_NO_UI=1 AFL_AUTORESUME=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
           AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
afl-fuzz: $(if $(T),$(BUILD)/afl/$(T))
	@test -n "$(T)" || { echo "usage: make afl-fuzz T=<fuzz target> [S=seconds]"; exit 2; }
	@rm -rf $(BUILD)/afl-in/$(T) && mkdir -p $(BUILD)/afl-in/$(T) $(BUILD)/afl-out
	cp fuzz/corpus/$(T)/* $(BUILD)/afl-in/$(T)/
	$(AFL_ENV) afl-fuzz -V $(S) -i $(BUILD)/afl-in/$(T) -o $(BUILD)/afl-out/$(T) \
	    -x fuzz/dict/$(T).dict -- $(BUILD)/afl/$(T)
	@s=$(BUILD)/afl-out/$(T)/default/fuzzer_stats; \
	 echo "afl-fuzz $(T): $$(awk -F' *: ' '/^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs) /{printf "%s=%s ", $$1, $$2}' $$s)"; \
	 test "$$(awk -F' *: ' '/^saved_crashes /{print $$2}' $$s)" = 0

# Half a minute to a minute on two cores: a second ASan build of the library.
# Not part of make test; its PASS/FAIL lines fit tests/run.sh's suite() if wanted.
oss-fuzz-local:
	@bash ci/oss-fuzz/local.sh $(BUILD)/oss-fuzz

# The long campaign (docs/ASSURANCE.md): every target S seconds under each engine,
# J at a time; the table lands in $(BUILD)/campaign/summary.md.
ENGINES ?= libfuzzer afl
.PHONY: campaign
campaign: $(FUZZ_BINS) $(if $(findstring afl,$(ENGINES)),$(AFL_BINS))
	@bash ci/campaign.sh $(BUILD) $(or $(S),600) $(or $(J),$(shell nproc)) "$(ENGINES)" $(T)
