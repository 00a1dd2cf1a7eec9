# ci/spin.mk - included by the Makefile: `make spin`, the SPIN model check
# of the session state machine (src/core).
#
# ci/model/gen_promela.py derives one Promela model per protocol from the C
# sources, each time: the states and events of session_int.h and core.h,
# the protocol's state and command tables, every pt_session_enter() where
# the code makes it; its header says what the model keeps, what it leaves
# free, and what it assumes.  ci/model/spin_check.py runs spin -a, builds
# pan with $(SPIN_CC), checks every property, then breaks the C as read on
# purpose (gen_promela.py --mutate) and requires the properties each break
# is about to fail.
# One PASS/FAIL line per property and protocol, then a summary; ci/check.sh
# runs the same, so make check fails with a property.
#
# $(BUILD)/spin/<proto>/: <proto>.pml, pan, pan.out, and for a failure
# <property>.trail (replay: spin -t -p -k <trail> <proto>.pml, with the
# -D the FAIL line shows) and <property>.story, its events in short.
# Needs spin and a C compiler (ci/deps.sh).

SPIN_CC ?= $(CC)

.PHONY: spin spin-models
spin:
	@SPIN_CC=$(SPIN_CC) python3 ci/model/spin_check.py $(BUILD)/spin

# The models alone, to read: $(BUILD)/spin/<proto>.pml
spin-models:
	@mkdir -p $(BUILD)/spin
	@for p in imap pop3 sieve smtp; do \
	    python3 ci/model/gen_promela.py --proto $$p -o $(BUILD)/spin/$$p.pml || exit 1; \
	    echo "$(BUILD)/spin/$$p.pml"; \
	done
