/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CPO_SIM_IVSHMEM_H
#define CPO_SIM_IVSHMEM_H

#include <stdint.h>

#define IVS_PROTOCOL_VERSION	0
#define IVS_MAX_VECTORS		8

/* the one guest connected to the model */
struct ivs_peer {
	int sock;			/* -1: none */
	unsigned int id;		/* its peer id (IVPosition) */
	unsigned int nvec;
	int model_efd[IVS_MAX_VECTORS];	/* guest rings the model: doorbells */
	int guest_efd[IVS_MAX_VECTORS];	/* the model rings the guest: MSI-X */
};

int ivs_listen(const char *path);
int ivs_peer_setup(struct ivs_peer *p, int sock, int shm_fd, unsigned int model_id,
		   unsigned int guest_id, unsigned int nvec);
void ivs_peer_close(struct ivs_peer *p);
int ivs_raise(struct ivs_peer *p, unsigned int vector);
int ivs_drain(int efd);

#endif /* CPO_SIM_IVSHMEM_H */
