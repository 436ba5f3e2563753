// SPDX-License-Identifier: GPL-2.0
/* Argument parsing and messages. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpoctl.h"

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
