// SPDX-License-Identifier: GPL-2.0
/*
 * What the spec does not say about a quantity: the kind of value it is
 * (for units) and the object it belongs to.  Every name of the ABI's
 * values, the quantities' included, comes from the spec through
 * names-gen.c (scripts/ynl-names.py).
 */
#include <string.h>

#include "cpoctl.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct cpo_quantity_info cpo_quantities[] = {
	[CPO_QUANTITY_OE_TEMP] = { CPO_K_TEMP, CPO_OBJ_OE },
	[CPO_QUANTITY_OE_VCC] = { CPO_K_VOLT, CPO_OBJ_OE },
	[CPO_QUANTITY_LANE_TX_POWER] = { CPO_K_POWER, CPO_OBJ_LANE },
	[CPO_QUANTITY_LANE_RX_POWER] = { CPO_K_POWER, CPO_OBJ_LANE },
	[CPO_QUANTITY_ELS_TEMP] = { CPO_K_TEMP, CPO_OBJ_ELS },
	[CPO_QUANTITY_ELS_VCC] = { CPO_K_VOLT, CPO_OBJ_ELS },
	[CPO_QUANTITY_ELS_TEC] = { CPO_K_CURR, CPO_OBJ_ELS },
	[CPO_QUANTITY_LASER_BIAS] = { CPO_K_BIAS, CPO_OBJ_LASER },
	[CPO_QUANTITY_LASER_POWER] = { CPO_K_POWER, CPO_OBJ_LASER },
	[CPO_QUANTITY_LASER_TEMP] = { CPO_K_TEMP, CPO_OBJ_LASER },
	[CPO_QUANTITY_LASER_PATH_LOSS] = { CPO_K_DB, CPO_OBJ_LASER },
};

/* a quantity the spec adds needs its kind and object here */
_Static_assert(ARRAY_SIZE(cpo_quantities) == CPO_QUANTITY_MAX + 1,
	       "every quantity of the spec has its kind and object");

const struct cpo_quantity_info *cpo_quantity(unsigned int q)
{
	if (q >= ARRAY_SIZE(cpo_quantities))
		return NULL;
	return &cpo_quantities[q];
}
