/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place that knows kernel versions: shims between Debian's 6.1 and
 * 6.12 kernels (see shared COMPAT notes in Documentation/cpo/driver.rst).
 */
#ifndef _CPO_COMPAT_H
#define _CPO_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* _CPO_COMPAT_H */
