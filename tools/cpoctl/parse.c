// SPDX-License-Identifier: GPL-2.0
/* Argument parsing and the names of the ABI's enums. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpoctl.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct cpo_quantity_info cpo_quantities[] = {
	[CPO_QUANTITY_OE_TEMP] = { "oe-temp", CPO_K_TEMP, CPO_OBJ_OE },
	[CPO_QUANTITY_OE_VCC] = { "oe-vcc", CPO_K_VOLT, CPO_OBJ_OE },
	[CPO_QUANTITY_LANE_TX_POWER] = { "lane-tx-power", CPO_K_POWER,
					 CPO_OBJ_LANE },
	[CPO_QUANTITY_LANE_RX_POWER] = { "lane-rx-power", CPO_K_POWER,
					 CPO_OBJ_LANE },
	[CPO_QUANTITY_ELS_TEMP] = { "els-temp", CPO_K_TEMP, CPO_OBJ_ELS },
	[CPO_QUANTITY_ELS_VCC] = { "els-vcc", CPO_K_VOLT, CPO_OBJ_ELS },
	[CPO_QUANTITY_ELS_TEC] = { "els-tec", CPO_K_CURR, CPO_OBJ_ELS },
	[CPO_QUANTITY_LASER_BIAS] = { "laser-bias", CPO_K_BIAS, CPO_OBJ_LASER },
	[CPO_QUANTITY_LASER_POWER] = { "laser-power", CPO_K_POWER,
				       CPO_OBJ_LASER },
	[CPO_QUANTITY_LASER_TEMP] = { "laser-temp", CPO_K_TEMP, CPO_OBJ_LASER },
};

const struct cpo_quantity_info *cpo_quantity(unsigned int q)
{
	if (q >= ARRAY_SIZE(cpo_quantities))
		return NULL;
	return &cpo_quantities[q];
}

int cpo_quantity_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cpo_quantities); i++)
		if (!strcmp(cpo_quantities[i].name, name))
			return i;
	return -1;
}

#define CPO_NAME(tab, v) \
	((v) < ARRAY_SIZE(tab) && (tab)[v] ? (tab)[v] : "unknown")

const char *cpo_oe_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_OE_STATE_OFF] = "off",
		[CPO_OE_STATE_READY] = "ready",
		[CPO_OE_STATE_FAULT] = "fault",
	};

	return CPO_NAME(t, s);
}

const char *cpo_lane_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LANE_STATE_DEACTIVATED] = "deactivated",
		[CPO_LANE_STATE_INIT] = "init",
		[CPO_LANE_STATE_DEINIT] = "deinit",
		[CPO_LANE_STATE_ACTIVATED] = "activated",
		[CPO_LANE_STATE_TX_TURN_ON] = "tx-turn-on",
		[CPO_LANE_STATE_TX_TURN_OFF] = "tx-turn-off",
		[CPO_LANE_STATE_INITIALIZED] = "initialized",
	};

	return CPO_NAME(t, s);
}

const char *cpo_els_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_ELS_STATE_EMPTY] = "empty",
		[CPO_ELS_STATE_PROBING] = "probing",
		[CPO_ELS_STATE_FIBER_CHECK] = "fiber-check",
		[CPO_ELS_STATE_RAMPING] = "ramping",
		[CPO_ELS_STATE_ON] = "on",
		[CPO_ELS_STATE_REMOVING] = "removing",
		[CPO_ELS_STATE_SAFE] = "safe",
		[CPO_ELS_STATE_FAULT] = "fault",
	};

	return CPO_NAME(t, s);
}

const char *cpo_laser_state_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LASER_STATE_OFF] = "off",
		[CPO_LASER_STATE_FIBER_CHECK] = "fiber-check",
		[CPO_LASER_STATE_RAMPING] = "ramping",
		[CPO_LASER_STATE_ON] = "on",
		[CPO_LASER_STATE_FAULT] = "fault",
		[CPO_LASER_STATE_ABSENT] = "absent",
	};

	return CPO_NAME(t, s);
}

const char *cpo_laser_fault_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LASER_FAULT_NONE] = "none",
		[CPO_LASER_FAULT_APC] = "apc",
		[CPO_LASER_FAULT_ACC] = "acc",
		[CPO_LASER_FAULT_TEMP] = "temperature",
	};

	return CPO_NAME(t, s);
}

const char *cpo_laser_mode_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_LASER_MODE_APC] = "apc",
		[CPO_LASER_MODE_ACC] = "acc",
	};

	return CPO_NAME(t, s);
}

const char *cpo_obj_type_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_OBJ_DEV] = "dev",
		[CPO_OBJ_OE] = "oe",
		[CPO_OBJ_LANE] = "lane",
		[CPO_OBJ_PORT] = "port",
		[CPO_OBJ_ELS] = "els",
		[CPO_OBJ_LASER] = "laser",
	};

	return CPO_NAME(t, s);
}

const char *cpo_severity_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_SEVERITY_WARNING] = "warning",
		[CPO_SEVERITY_ALARM] = "alarm",
	};

	return CPO_NAME(t, s);
}

const char *cpo_direction_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_DIRECTION_HIGH] = "high",
		[CPO_DIRECTION_LOW] = "low",
	};

	return CPO_NAME(t, s);
}

const char *cpo_event_type_str(uint32_t s)
{
	static const char *const t[] = {
		[CPO_EVENT_ALARM_RAISED] = "alarm-raised",
		[CPO_EVENT_ALARM_CLEARED] = "alarm-cleared",
		[CPO_EVENT_ELS_INSERTED] = "els-inserted",
		[CPO_EVENT_ELS_REMOVED] = "els-removed",
		[CPO_EVENT_ELS_STATE] = "els-state",
		[CPO_EVENT_LASER_STATE] = "laser-state",
		[CPO_EVENT_LANE_STATE] = "lane-state",
		[CPO_EVENT_OE_STATE] = "oe-state",
		[CPO_EVENT_DEV_FAILED] = "dev-failed",
		[CPO_EVENT_DEV_RESYNC] = "dev-resync",
	};

	return CPO_NAME(t, s);
}

int cpo_parse_u32(const char *s, uint32_t max, uint32_t *v)
{
	unsigned long long n;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n > max)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

int cpo_parse_onoff(const char *s, bool *v)
{
	if (!s)
		return -1;
	if (!strcmp(s, "on") || !strcmp(s, "1") || !strcmp(s, "true")) {
		*v = true;
		return 0;
	}
	if (!strcmp(s, "off") || !strcmp(s, "0") || !strcmp(s, "false")) {
		*v = false;
		return 0;
	}
	return -1;
}

int cpo_parse_dev(const char *s, uint32_t *index)
{
	if (!s)
		return -1;
	if (!strncmp(s, "cpo", 3))
		s += 3;
	return cpo_parse_u32(s, 0x7fffffff, index);
}

/*
 * "0-7,12,14": runs of three or more consecutive indices as a range, for
 * tables; JSON output carries the full arrays.
 */
char *cpo_fmt_list(char *buf, size_t len, const uint32_t *v, unsigned int n)
{
	size_t used = 0;
	unsigned int i, j;

	if (!len)
		return buf;
	buf[0] = '\0';
	if (!n) {
		snprintf(buf, len, "-");
		return buf;
	}
	for (i = 0; i < n; i = j + 1) {
		int w;

		for (j = i; j + 1 < n && v[j + 1] == v[j] + 1; j++)
			;
		if (j - i >= 2) {
			w = snprintf(buf + used, len - used, "%s%u-%u",
				     i ? "," : "", v[i], v[j]);
		} else {
			j = i;
			w = snprintf(buf + used, len - used, "%s%u",
				     i ? "," : "", v[i]);
		}
		if (w < 0 || (size_t)w >= len - used) {
			/* does not fit: end with an ellipsis */
			if (len >= 4)
				strcpy(buf + len - 4, "...");
			break;
		}
		used += w;
	}
	return buf;
}

char *cpo_fmt_no_object(char *buf, size_t len, const char *one,
			const char *range, uint32_t idx, int dev,
			uint32_t count)
{
	if (dev < 0)
		snprintf(buf, len, "no %s %u on any cpo device", one, idx);
	else if (!count)
		snprintf(buf, len, "no %s %u on cpo%d (it has none)", one, idx,
			 dev);
	else if (count == 1)
		snprintf(buf, len, "no %s %u on cpo%d (only %s 0)", one, idx,
			 dev, one);
	else
		snprintf(buf, len, "no %s %u on cpo%d (%s 0-%u)", one, idx, dev,
			 range, count - 1);
	return buf;
}

const char *cpo_errno_words(int err)
{
	switch (err < 0 ? -err : err) {
	case EPERM:
	case EACCES:
		return "Operation not permitted (needs CAP_NET_ADMIN)";
	case ENODEV:
		return "no such device";
	case ENOENT:
		return "no such object";
	case EINVAL:
		return "invalid request";
	case ERANGE:
		return "value out of range";
	case ETIMEDOUT:
		return "the device timed out";
	case EIO:
		return "the device has failed";
	case EBUSY:
	case EAGAIN:
		return "the device is busy";
	case EOPNOTSUPP:
		return "not supported by this driver";
	default:
		return strerror(err < 0 ? -err : err);
	}
}

bool cpo_port_link_up(const struct cpo_msg *m)
{
	if (m->has[CPO_A_OPER_UP])
		return m->u[CPO_A_OPER_UP];
	/* a kernel without the link state: its optical carrier */
	return m->u[CPO_A_CARRIER];
}

int cpo_match_word(const char *arg, const char *const *words, unsigned int n,
		   char *cands, size_t len)
{
	size_t alen = strlen(arg), used = 0;
	unsigned int i, found = 0;
	int hit = -1;

	if (len)
		cands[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!words[i])
			continue;
		if (!strcmp(arg, words[i]))
			return i;	/* an exact word wins over its prefixes */
	}
	if (!alen)
		return CPO_MATCH_NONE;
	for (i = 0; i < n; i++) {
		int w;

		if (!words[i] || strncmp(arg, words[i], alen))
			continue;
		hit = i;
		found++;
		if (used < len) {
			w = snprintf(cands + used, len - used, "%s%s",
				     used ? ", " : "", words[i]);
			if (w > 0)
				used += w;
		}
	}
	if (found > 1)
		return CPO_MATCH_AMBIGUOUS;
	return found ? hit : CPO_MATCH_NONE;
}
