# SPDX-License-Identifier: GPL-2.0
#
# Top-level entry points.  The kernel module itself is built by Kbuild
# (see ./Kbuild); this file only drives the build of every part, the
# host unit tests and the QEMU guest that runs the selftests.
#
#   make            module + tools + selftests
#   make check      host unit tests, then the selftests in one guest per profile
#   make check-debug  the default profile's selftests on a KASAN/lockdep/kmemleak kernel
#   make demo       boot the default profile and show the switch with cpoctl
#   make shell      interactive guest with the module loaded
#   make bench      benchmarks (bench/)
#   make dkms       add, build and install cpo.ko with DKMS for every kernel with headers
#   make dkms-remove  take it out of DKMS again (every kernel)

CACHE	:= $(CURDIR)/.cache
KVER	?= $(shell cat $(CACHE)/kver 2>/dev/null || \
		ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | \
		tail -n 1 | sed 's,.*/linux-headers-,,')
KDIR	?= /lib/modules/$(KVER)/build
PROFILE	?= th6-102t

TOOL_DIRS := $(patsubst %/Makefile,%,$(wildcard tools/cpo-sim/Makefile tools/cpoctl/Makefile))

export KVER

.PHONY: all module tools selftests deps check check-debug demo shell bench clean help \
	dkms dkms-remove

all: module tools selftests

help:
	@sed -n '7,14p' Makefile | sed 's/^# \{0,1\}//'

module:
	@test -n "$(KVER)" || { echo "no kernel headers: run 'make deps'" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	@set -e; for d in $(TOOL_DIRS); do $(MAKE) -C $$d; done

selftests: tools
	$(MAKE) -C selftests/cpo

# Fast (~0.2 s) when everything is present: the script only checks, and
# installs or extracts only what is missing.
deps:
	@scripts/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all
	@tests/run-host-tests.sh --vm

# The debug kernel is built once (30-60 min on 2 busy cores) and cached
# outside the tree (selftests/vm/build-debug-kernel.sh).
check-debug:
	@scripts/install-deps.sh --debug-kernel
	@$(MAKE) --no-print-directory all
	@tests/run-host-tests.sh --debug-kernel

demo: deps
	@$(MAKE) --no-print-directory all
	@selftests/vm/run-vm.sh --profile $(PROFILE) -- selftests/vm/demo.sh

shell: deps
	@$(MAKE) --no-print-directory all
	@selftests/vm/run-vm.sh --profile $(PROFILE) --interactive

bench: deps
	@$(MAKE) --no-print-directory all
	$(MAKE) -C bench

# DKMS: the module's source (what dkms.conf builds) is copied to
# DKMS_SOURCETREE/cpo-VERSION, VERSION being dkms.conf's PACKAGE_VERSION;
# a version already there is replaced.  DKMS_KVERS: the kernels to build
# and install for (default: every one in /lib/modules with headers).
# DKMS_SOURCETREE, DKMS_TREE and DKMS_INSTALLTREE default to dkms' own
# (/usr/src, /var/lib/dkms, /lib/modules); DKMS_FLAGS is passed to every
# dkms command (tests/dkms.sh installs into a scratch tree that way).
DKMS_VERSION	:= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
DKMS_KVERS	?= $(patsubst /lib/modules/%/build,%,$(wildcard /lib/modules/*/build))
DKMS_SOURCETREE	?= /usr/src
DKMS_TREE	?= /var/lib/dkms
DKMS_INSTALLTREE ?= /lib/modules
DKMS_FLAGS	?=
DKMS_SRC	:= $(DKMS_SOURCETREE)/cpo-$(DKMS_VERSION)
DKMS		= dkms $(DKMS_FLAGS) --sourcetree $(DKMS_SOURCETREE) \
		  --dkmstree $(DKMS_TREE) --installtree $(DKMS_INSTALLTREE)

dkms: dkms-remove
	@test -n "$(DKMS_KVERS)" || { echo "make dkms: no kernel headers in /lib/modules/*/build: apt-get install linux-headers-\$$(uname -r)" >&2; exit 1; }
	@rm -rf $(DKMS_SRC) && mkdir -p $(DKMS_SRC)
	@tar -cf - Kbuild dkms.conf drivers include | tar -xf - -C $(DKMS_SRC)
	@find $(DKMS_SRC) \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \
		-o -name Module.symvers -o -name modules.order \) -delete
	$(DKMS) add cpo/$(DKMS_VERSION)
	@set -e; for k in $(DKMS_KVERS); do \
		echo "$(DKMS) build cpo/$(DKMS_VERSION) -k $$k"; \
		$(DKMS) build cpo/$(DKMS_VERSION) -k $$k >/dev/null || \
			{ echo "make dkms: build for $$k failed, see $(DKMS_TREE)/cpo/$(DKMS_VERSION)/build/make.log" >&2; exit 1; }; \
		echo "$(DKMS) install cpo/$(DKMS_VERSION) -k $$k"; \
		$(DKMS) install cpo/$(DKMS_VERSION) -k $$k >/dev/null; \
	done
	@$(DKMS) status cpo/$(DKMS_VERSION)

dkms-remove:
	@command -v dkms >/dev/null || { echo "make $@: dkms is not installed: apt-get install dkms (or make deps)" >&2; exit 1; }
	@if [ -n "$$($(DKMS) status cpo/$(DKMS_VERSION) 2>/dev/null)" ]; then \
		echo "$(DKMS) remove cpo/$(DKMS_VERSION) --all"; \
		$(DKMS) remove cpo/$(DKMS_VERSION) --all >/dev/null; \
	fi
	@rm -rf $(DKMS_SRC)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	@for d in $(TOOL_DIRS); do $(MAKE) -C $$d clean; done
	-$(MAKE) -C selftests/cpo clean
	-$(MAKE) -C bench clean
	rm -rf build
