/* SPDX-License-Identifier: GPL-2.0 */
/* Tracepoints: device events, ELSFP slot transitions, mailbox commands. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM cpo

#if !defined(_CPO_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _CPO_TRACE_H

#include <linux/tracepoint.h>
#include "cpo.h"

TRACE_EVENT(cpo_event,
	TP_PROTO(const struct cpo_dev *cdev, const struct cpo_event *ev),
	TP_ARGS(cdev, ev),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(u32, seq)
		__field(u16, type)
		__field(u8, obj_type)
		__field(u32, obj)
		__field(u16, quantity)
		__field(u16, flags)
		__field(s32, value)
		__field(s32, threshold)
	),
	TP_fast_assign(
		__entry->dev = cdev->index;
		__entry->seq = ev->seq;
		__entry->type = ev->type;
		__entry->obj_type = ev->obj_type;
		__entry->obj = ev->obj;
		__entry->quantity = ev->quantity;
		__entry->flags = ev->flags;
		__entry->value = ev->value;
		__entry->threshold = ev->threshold;
	),
	TP_printk("cpo%d seq=%u type=%u obj_type=%u obj=%u quantity=%u flags=0x%x value=%d threshold=%d",
		  __entry->dev, __entry->seq, __entry->type, __entry->obj_type,
		  __entry->obj, __entry->quantity, __entry->flags,
		  __entry->value, __entry->threshold)
);

TRACE_EVENT(cpo_els_state,
	TP_PROTO(const struct cpo_dev *cdev, u16 slot,
		 enum cpo_els_event event, enum cpo_els_sm from,
		 enum cpo_els_sm to),
	TP_ARGS(cdev, slot, event, from, to),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(u16, slot)
		__field(int, event)
		__field(int, from)
		__field(int, to)
	),
	TP_fast_assign(
		__entry->dev = cdev->index;
		__entry->slot = slot;
		__entry->event = event;
		__entry->from = from;
		__entry->to = to;
	),
	TP_printk("cpo%d els%u %s: %s -> %s", __entry->dev, __entry->slot,
		  __print_symbolic(__entry->event,
				   { CPO_ELS_E_INSERT, "insert" },
				   { CPO_ELS_E_REMOVE, "remove" },
				   { CPO_ELS_E_STATE, "state" },
				   { CPO_ELS_E_CHECK_DONE, "check_done" },
				   { CPO_ELS_E_TIMEOUT, "timeout" },
				   { CPO_ELS_E_RESYNC, "resync" }),
		  __print_symbolic(__entry->from,
				   CPO_ELS_STATE_SYMBOLS),
		  __print_symbolic(__entry->to,
				   CPO_ELS_STATE_SYMBOLS))
);

TRACE_EVENT(cpo_mbox_cmd,
	TP_PROTO(const struct cpo_dev *cdev, u16 opcode, u32 seq, u16 status,
		 int err, s64 latency_us),
	TP_ARGS(cdev, opcode, seq, status, err, latency_us),
	TP_STRUCT__entry(
		__field(int, dev)
		__field(u16, opcode)
		__field(u32, seq)
		__field(u16, status)
		__field(int, err)
		__field(s64, latency_us)
	),
	TP_fast_assign(
		__entry->dev = cdev->index;
		__entry->opcode = opcode;
		__entry->seq = seq;
		__entry->status = status;
		__entry->err = err;
		__entry->latency_us = latency_us;
	),
	TP_printk("cpo%d opcode=%u seq=%u status=%u err=%d latency_us=%lld",
		  __entry->dev, __entry->opcode, __entry->seq, __entry->status,
		  __entry->err, __entry->latency_us)
);

#endif /* _CPO_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
