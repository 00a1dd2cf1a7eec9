# ci/cov.mk - included by the Makefile.
