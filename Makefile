# postern - build, test, check, fuzz.
#
# Three builds share one source list:
#   build/rel   gcc, -O2, the shipped binary (build/postern)
#   build/san   clang-14 with ASan+UBSan, used by make test
#   build/fuzz  clang-14 libFuzzer targets (fuzz/fuzz_*.c)
# Ragel output goes to build/gen at build time and is never committed.

CC       ?= gcc
ifeq ($(origin CC),default)
CC       := gcc
endif
CLANG    ?= clang-14
RAGEL    ?= ragel
# make WITHOUT=pop3,smtp leaves those protocols' grammars and code out of
# the binary, as nginx's --without-mail_pop3_module does (any subset of imap,
# pop3, smtp, sieve but all four); such a build lives in build-without-pop3-smtp
# unless BUILD says otherwise, and only its postern is meant to be built.
comma    := ,
empty    :=
space    := $(empty) $(empty)
WITHOUT  ?=
PT_OUT   := $(sort $(subst $(comma),$(space),$(WITHOUT)))
PT_PROTOS := imap pop3 smtp sieve
$(foreach p,$(PT_OUT),$(if $(filter $(p),$(PT_PROTOS)),,$(error WITHOUT: "$(p)" is not one of $(PT_PROTOS))))
$(if $(filter-out $(PT_OUT),$(PT_PROTOS)),,$(error WITHOUT: at least one protocol must stay))
BUILD    ?= build$(if $(PT_OUT),-without-$(subst $(space),-,$(PT_OUT)))
VERSION  := 0.1.0

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
# Generated Ragel code trips these two (G2 falls through; *_first_final is unused), and only it.
GENWARN  := -Wno-implicit-fallthrough -Wno-unused-const-variable -Wno-missing-prototypes
CPPFLAGS := -D_GNU_SOURCE -DPT_VERSION='"$(VERSION)"' -Isrc -I$(BUILD)/gen \
            $(foreach p,$(PT_OUT),-DPT_WITHOUT_$(subst imap,IMAP,$(subst pop3,POP3,$(subst smtp,SMTP,$(subst sieve,SIEVE,$(p))))))
STD      := -std=c11

REL_CFLAGS  := $(STD) -O2 -g $(WARN)
SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS  := $(STD) -O1 -g $(WARN) $(SAN_FLAGS)
FUZZ_CFLAGS := $(STD) -O1 -g $(WARN) -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined

# Grammars: every grammar/*.rl is a machine of its own except shared rule files.
RL_ALL   := $(wildcard grammar/*.rl)
RL_INC   := $(filter grammar/abnf_core.rl grammar/%_common.rl,$(RL_ALL))
RL_MAIN  := $(filter-out $(RL_INC) $(foreach p,$(PT_OUT),grammar/$(p).rl grammar/$(p)_resp.rl),$(RL_ALL))
GEN_C    := $(patsubst grammar/%.rl,$(BUILD)/gen/%.c,$(RL_MAIN))

# coreconf.c maps config to core settings without any I/O: the fuzz
# targets and the transcript runner use it, so it sits in the library.
BRIDGE   := src/shell/coreconf.c
LIB_SRC  := $(filter-out $(foreach p,$(PT_OUT),src/core/$(p).c src/proto/$(p)_cmd.c), \
              $(wildcard src/util/*.c src/proto/*.c src/conf/*.c src/core/*.c)) $(BRIDGE)
SHELL_SRC:= $(filter-out $(BRIDGE),$(wildcard src/shell/*.c))
HDRS     := $(wildcard src/*/*.h)

UNIT_SRC := $(wildcard tests/unit/test_*.c tests/parse/test_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_T   := $(patsubst fuzz/%.c,%,$(FUZZ_SRC))

objs = $(patsubst %.c,$(BUILD)/$(1)/obj/%.o,$(LIB_SRC)) \
       $(patsubst $(BUILD)/gen/%.c,$(BUILD)/$(1)/obj/gen/%.o,$(GEN_C))

.PHONY: all test check fuzz fuzz-smoke run clean deps unit-bins bench
.DELETE_ON_ERROR:
# Keep the generated machines: make check compares them with ragel's output.
.SECONDARY: $(GEN_C)

all: $(BUILD)/postern

# ---- generated code -------------------------------------------------------
$(BUILD)/gen/%.c: grammar/%.rl $(RL_INC)
	@mkdir -p $(dir $@)
	$(RAGEL) -G2 -o $@ $<

# ---- one object/link rule set per build flavour ------------------------------
# $(1) flavour, $(2) compiler, $(3) flags
define FLAVOUR
$(BUILD)/$(1)/obj/gen/%.o: $(BUILD)/gen/%.c $(HDRS)
	@mkdir -p $$(dir $$@)
	$(2) $(CPPFLAGS) $(3) $(GENWARN) -c -o $$@ $$<
$(BUILD)/$(1)/obj/%.o: %.c $(HDRS) | $(GEN_C)
	@mkdir -p $$(dir $$@)
	$(2) $(CPPFLAGS) $(3) -c -o $$@ $$<
$(BUILD)/$(1)/libpostern.a: $(call objs,$(1))
	@rm -f $$@
	ar rcs $$@ $$^
endef

$(eval $(call FLAVOUR,rel,$(CC),$(REL_CFLAGS)))
$(eval $(call FLAVOUR,san,$(CLANG),$(SAN_CFLAGS)))
$(eval $(call FLAVOUR,fuzz,$(CLANG),$(FUZZ_CFLAGS)))

SHELL_LIBS := -lev -lcurl -lcares -lcrypt -lbearssl -lcrypto

$(BUILD)/postern: $(patsubst %.c,$(BUILD)/rel/obj/%.o,$(SHELL_SRC)) $(BUILD)/rel/libpostern.a
	$(CC) $(REL_CFLAGS) -o $@ $^ $(SHELL_LIBS)

$(BUILD)/san/postern: $(patsubst %.c,$(BUILD)/san/obj/%.o,$(SHELL_SRC)) $(BUILD)/san/libpostern.a
	$(CLANG) $(SAN_CFLAGS) -o $@ $^ $(SHELL_LIBS)

# Unit and parse tests: each tests/{unit,parse}/test_X.c is one binary, in both flavours.
$(BUILD)/rel/tests/%: tests/unit/%.c $(BUILD)/rel/libpostern.a tests/unit/pt_test.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(REL_CFLAGS) -o $@ $< $(BUILD)/rel/libpostern.a
$(BUILD)/rel/tests/%: tests/parse/%.c $(BUILD)/rel/libpostern.a tests/unit/pt_test.h tests/parse/cmd_dump.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(REL_CFLAGS) -o $@ $< $(BUILD)/rel/libpostern.a
$(BUILD)/san/tests/%: tests/unit/%.c $(BUILD)/san/libpostern.a tests/unit/pt_test.h
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -Itests/unit $(SAN_CFLAGS) -o $@ $< $(BUILD)/san/libpostern.a
$(BUILD)/san/tests/%: tests/parse/%.c $(BUILD)/san/libpostern.a tests/unit/pt_test.h tests/parse/cmd_dump.h
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -Itests/unit $(SAN_CFLAGS) -o $@ $< $(BUILD)/san/libpostern.a

UNIT_BINS := $(foreach f,rel san,$(patsubst %.c,$(BUILD)/$(f)/tests/%,$(notdir $(UNIT_SRC))))

# The shell's TLS engine set-up, against the BearSSL it wraps (no socket).
$(BUILD)/rel/tests/test_tlsimpl: tests/tls/test_tlsimpl.c $(BUILD)/rel/obj/src/shell/tlsimpl.o tests/unit/pt_test.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(REL_CFLAGS) -o $@ $< $(BUILD)/rel/obj/src/shell/tlsimpl.o -lbearssl
$(BUILD)/san/tests/test_tlsimpl: tests/tls/test_tlsimpl.c $(BUILD)/san/obj/src/shell/tlsimpl.o tests/unit/pt_test.h
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) -Itests/unit $(SAN_CFLAGS) -o $@ $< $(BUILD)/san/obj/src/shell/tlsimpl.o -lbearssl
UNIT_BINS += $(BUILD)/rel/tests/test_tlsimpl $(BUILD)/san/tests/test_tlsimpl

# The transcript runner (tests/transcripts/*.t against the core), both flavours.
$(BUILD)/rel/transcripts: tests/transcripts/runner.c $(BUILD)/rel/libpostern.a
	$(CC) $(CPPFLAGS) $(REL_CFLAGS) -o $@ $< $(BUILD)/rel/libpostern.a
$(BUILD)/san/transcripts: tests/transcripts/runner.c $(BUILD)/san/libpostern.a
	$(CLANG) $(CPPFLAGS) $(SAN_CFLAGS) -o $@ $< $(BUILD)/san/libpostern.a
UNIT_BINS += $(BUILD)/rel/transcripts $(BUILD)/san/transcripts

# Fuzz targets: libFuzzer with clang; the same file replayed by a plain driver under gcc.
$(BUILD)/fuzz/%: fuzz/%.c $(BUILD)/fuzz/libpostern.a
	@mkdir -p $(dir $@)
	$(CLANG) $(CPPFLAGS) $(STD) -O1 -g $(WARN) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $< $(BUILD)/fuzz/libpostern.a
$(BUILD)/rel/replay/%: fuzz/%.c fuzz/replay_main.c $(BUILD)/rel/libpostern.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(REL_CFLAGS) -o $@ $< fuzz/replay_main.c $(BUILD)/rel/libpostern.a

T ?=
S ?= 60
FUZZ_BINS   := $(patsubst %,$(BUILD)/fuzz/%,$(FUZZ_T))
REPLAY_BINS := $(patsubst %,$(BUILD)/rel/replay/%,$(FUZZ_T))

unit-bins: $(UNIT_BINS) $(BUILD)/postern $(BUILD)/san/postern $(REPLAY_BINS)

# make fuzz builds every target; make fuzz T=fuzz_conf S=600 also runs one
# target for S seconds into build/corpus/T (new inputs land there, the
# committed seeds in fuzz/corpus are only read).
fuzz: $(FUZZ_BINS)
ifneq ($(T),)
	@mkdir -p $(BUILD)/corpus/$(T)
	$(BUILD)/fuzz/$(T) -max_total_time=$(S) -dict=fuzz/dict/$(T).dict \
	    -artifact_prefix=$(BUILD)/ $(BUILD)/corpus/$(T) fuzz/corpus/$(T)
endif

# ---- the commands of the README ------------------------------------------------
deps:
	@bash ci/deps.sh

FUZZ_SECONDS ?= 10
test: deps
	@$(MAKE) --no-print-directory unit-bins fuzz
	@bash tests/run.sh $(BUILD) $(FUZZ_SECONDS)

fuzz-smoke: fuzz
	@bash ci/fuzz-smoke.sh $(BUILD)/fuzz $(FUZZ_SECONDS)

check: deps
	@$(MAKE) --no-print-directory $(GEN_C) $(BENCH_LOADGEN) $(BUILD)/bench/mockd
	@bash ci/check.sh $(BUILD)

# The demo: a private Dovecot and Postfix on loopback high ports with postern
# in front on auth_file; it prints how to connect, Ctrl-C stops everything.
run: deps $(BUILD)/postern
	@bash ci/run-demo.sh $(BUILD)/postern

# postern against nginx's mail module under the same load (tests/bench/run.sh):
# prints the table, writes $(BUILD)/bench/bench.json.  Reports, never fails on
# a figure.  BENCH_ROUNDS, BENCH_SESSIONS, ... size it (see run.sh).
BENCH_LOADGEN := $(BUILD)/bench/loadgen
$(BENCH_LOADGEN): tests/bench/loadgen.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) -O2 -g $(WARN) -o $@ $< -lssl -lcrypto
$(BUILD)/bench/mockd: tests/bench/mockd.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) -O2 -g $(WARN) -o $@ $<
bench: $(BUILD)/postern $(BENCH_LOADGEN) $(BUILD)/bench/mockd
	@E2E_NGINX=1 bash ci/deps.sh
	@bash tests/bench/run.sh $(BUILD)/postern $(BENCH_LOADGEN) $(BUILD)/bench

clean:
	rm -rf $(BUILD)

# ---- assurance: coverage (ci/cov.mk), AFL++ and OSS-Fuzz builds (ci/afl.mk),
# the model check of the state tables (ci/spin.mk), Frama-C (ci/frama.mk) ----
include ci/cov.mk ci/afl.mk ci/spin.mk ci/frama.mk ci/install.mk ci/package.mk
