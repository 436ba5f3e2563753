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

CACHE	:= $(CURDIR)/.cache
KVER	?= $(shell cat $(CACHE)/kver 2>/dev/null || \
		ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | \
		tail -n 1 | sed 's,.*/linux-headers-,,')
KDIR	?= /lib/modules/$(KVER)/build
PROFILE	?= th6-102t

TOOL_DIRS := $(patsubst %/Makefile,%,$(wildcard tools/cpo-sim/Makefile tools/cpoctl/Makefile))

export KVER

.PHONY: all module tools selftests deps check check-debug demo shell bench clean help

all: module tools selftests

help:
	@sed -n '7,12p' Makefile | sed 's/^# \{0,1\}//'

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

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	@for d in $(TOOL_DIRS); do $(MAKE) -C $$d clean; done
	-$(MAKE) -C selftests/cpo clean
	-$(MAKE) -C bench clean
	rm -rf build
