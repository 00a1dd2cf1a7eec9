# ci/frama.mk - included by the Makefile.
