# ci/spin.mk - included by the Makefile.
