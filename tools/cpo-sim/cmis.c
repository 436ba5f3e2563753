// SPDX-License-Identifier: GPL-2.0
#include <string.h>

#include "model.h"

int sim_cmis_els_page(struct sim_dev *dev, unsigned int slot, unsigned int bank,
		      unsigned int page, uint8_t out[256])
{
	(void)dev; (void)slot; (void)bank; (void)page;
	memset(out, 0, 256);
	return CPO_HW_ST_UNSUPPORTED;
}

int sim_cmis_port_page(struct sim_dev *dev, unsigned int port, unsigned int bank,
		       unsigned int page, uint8_t out[256])
{
	(void)dev; (void)port; (void)bank; (void)page;
	memset(out, 0, 256);
	return CPO_HW_ST_UNSUPPORTED;
}
