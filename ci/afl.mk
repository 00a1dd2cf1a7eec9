# ci/afl.mk - included by the Makefile.
