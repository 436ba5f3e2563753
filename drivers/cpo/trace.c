// SPDX-License-Identifier: GPL-2.0
/* Tracepoint definitions of cpo.ko. */
#include "cpo.h"

#define CREATE_TRACE_POINTS
#include "trace.h"
