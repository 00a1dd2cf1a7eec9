# ci/frama.mk - included by the Makefile.
#
# make frama: Frama-C's Eva over src/util and src/proto, the Ragel machines
# of build/gen included, from the entry points of ci/frama/drivers.c.  One
# summary line; fails on an alarm not listed in ci/frama/alarms.md, which
# also says how to run it and why each listed alarm is safe.  Needs
# frama-c (Debian 12: apt-get install frama-c-base); not part of make test
# or make check (minutes of CPU, and a large package).
#   make frama                          every entry
#   make frama FRAMA_ENTRIES=drv_sasl   some entries (drv_* of drivers.c)
#   make frama FRAMA_JOBS=4             analyses run side by side (default 2)

FRAMAC        ?= frama-c
FRAMA_JOBS    ?= 2
FRAMA_ENTRIES ?=

.PHONY: frama
frama: $(GEN_C)
	@FRAMAC=$(FRAMAC) FRAMA_JOBS=$(FRAMA_JOBS) bash ci/frama/run.sh $(BUILD) $(FRAMA_ENTRIES)
