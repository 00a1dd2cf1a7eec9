# ci/install.mk - included by the Makefile: make install / uninstall.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]
#
# PREFIX=/usr is the system layout (the Debian package): the config goes to
# /etc/postern and the unit to /lib/systemd/system, where Debian 12 keeps
# them.  Any other PREFIX keeps everything under it, and the unit is given
# "-p PREFIX/etc/postern/" since the binary's default prefix is /etc/postern/.
# An existing postern.conf is never overwritten; uninstall removes it only
# when it is still the example, byte for byte.

PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL ?= install

SBINDIR ?= $(PREFIX)/sbin
MANDIR  ?= $(PREFIX)/share/man
ifeq ($(PREFIX),/usr)
CONFDIR ?= /etc/postern
UNITDIR ?= /lib/systemd/system
else
CONFDIR ?= $(PREFIX)/etc/postern
UNITDIR ?= $(PREFIX)/lib/systemd/system
endif

INST_CONF := conf/postern.conf.example
INST_UNIT := conf/postern.service
INST_MANS := docs/man/postern.8 docs/man/postern.conf.5

# The unit names /usr/sbin/postern and the default prefix; other layouts get theirs.
ifeq ($(SBINDIR):$(CONFDIR),/usr/sbin:/etc/postern)
INST_SED := -e ''
else
INST_SED := -e 's|/usr/sbin/postern|$(SBINDIR)/postern -p $(CONFDIR)/|'
endif

.PHONY: install uninstall

install: $(BUILD)/postern $(INST_CONF) $(INST_UNIT) $(INST_MANS)
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(CONFDIR) $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5
	$(INSTALL) -m 0755 $(BUILD)/postern $(DESTDIR)$(SBINDIR)/postern
	@if [ -e $(DESTDIR)$(CONFDIR)/postern.conf ]; then \
	    echo "install: $(DESTDIR)$(CONFDIR)/postern.conf exists, left as it is"; \
	else \
	    $(INSTALL) -m 0644 $(INST_CONF) $(DESTDIR)$(CONFDIR)/postern.conf; \
	fi
	sed $(INST_SED) $(INST_UNIT) > $(DESTDIR)$(UNITDIR)/postern.service.tmp
	chmod 0644 $(DESTDIR)$(UNITDIR)/postern.service.tmp
	mv -f $(DESTDIR)$(UNITDIR)/postern.service.tmp $(DESTDIR)$(UNITDIR)/postern.service
	gzip -9n < docs/man/postern.8 > $(DESTDIR)$(MANDIR)/man8/postern.8.gz
	gzip -9n < docs/man/postern.conf.5 > $(DESTDIR)$(MANDIR)/man5/postern.conf.5.gz
	chmod 0644 $(DESTDIR)$(MANDIR)/man8/postern.8.gz $(DESTDIR)$(MANDIR)/man5/postern.conf.5.gz

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/postern $(DESTDIR)$(UNITDIR)/postern.service \
	    $(DESTDIR)$(MANDIR)/man8/postern.8.gz $(DESTDIR)$(MANDIR)/man5/postern.conf.5.gz
	@f=$(DESTDIR)$(CONFDIR)/postern.conf; \
	if [ -e $$f ] && cmp -s $$f $(INST_CONF); then \
	    rm -f $$f; \
	    rmdir $(DESTDIR)$(CONFDIR) 2>/dev/null || true; \
	elif [ -e $$f ]; then \
	    echo "uninstall: $$f was changed, left in place"; \
	fi
