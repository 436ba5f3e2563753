/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CPO_SIM_CLIENT_H
#define CPO_SIM_CLIENT_H

/* kept free of cpo_hw.h: <sys/stat.h> brings the kernel's __u64 */
#define CTL_CLIENT_LINE_MAX	4096
#define CTL_CLIENT_TIMEOUT_MS	5000

int ctl_client_main(int argc, char **argv);

#endif /* CPO_SIM_CLIENT_H */
