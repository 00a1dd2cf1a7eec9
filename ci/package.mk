# ci/package.mk - included by the Makefile: make package, the Debian package.
#
#   make package    ->  $(BUILD)/package/postern_<version>_<arch>.deb
#
# The sources are copied to $(BUILD)/package/postern-$(VERSION)/ (what git
# lists, committed or new and not ignored; without git, the directories the
# build reads), ci/debian becomes debian/ there, and dpkg-buildpackage builds
# the binary package, unsigned.  The tree is rebuilt from scratch each time.

PKG_DIR   := $(BUILD)/package
PKG_TREE  := $(PKG_DIR)/postern-$(VERSION)
# command:package, for the apt-get hint
PKG_TOOLS := dpkg-buildpackage:dpkg-dev dh:debhelper fakeroot:fakeroot gcc:build-essential

.PHONY: package
package:
	@missing=""; \
	for t in $(PKG_TOOLS); do \
	    command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "package: missing tools; install them with:" >&2; \
	    echo "  apt-get install -y$$missing" >&2; \
	    exit 1; \
	fi
	rm -rf $(PKG_DIR)
	mkdir -p $(PKG_TREE)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	    git ls-files -z --cached --others --exclude-standard | \
	    xargs -0 -r sh -c 'for f; do case "$$f" in $(BUILD)/*) continue;; esac; \
	        [ -e "$$f" ] && printf "%s\0" "$$f"; done; true' sh | \
	    tar --null -T - -cf - | tar -xf - -C $(PKG_TREE); \
	else \
	    tar -cf - Makefile README.md ci conf docs grammar src | tar -xf - -C $(PKG_TREE); \
	fi
	rm -rf $(PKG_TREE)/debian
	cp -R ci/debian $(PKG_TREE)/debian
# The caller's make options and variables (-s, BUILD=...) stay out of the package's make.
	cd $(PKG_TREE) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD \
	    dpkg-buildpackage -us -uc -b -Jauto
	@ls $(PKG_DIR)/*.deb
