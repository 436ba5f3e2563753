// SPDX-License-Identifier: GPL-2.0
/*
 * cpo-sim profiles: a line format ("key value...", '#' comments) giving the
 * counts of engines, lanes, ELSFP slots, lasers and ports, the environment
 * and the laser parameters, plus table lines for per-object overrides.
 * The topology tables are derived from it the way a cpo.json maps a
 * platform: ports take consecutive lanes of one engine, lasers feed
 * consecutive Tx lanes, spares come after the active objects.  "els 0 0"
 * is near-packaged optics: the lasers sit inside the engines, there are no
 * slots and no laser table, and a lane's light is its engine's.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"

#define SIM_MAX_LINE	512
#define SIM_MAX_TOK	8

static void sim_profile_defaults(struct sim_profile *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->model, sizeof(p->model), "CPO-SIM");
	snprintf(p->serial, sizeof(p->serial), "SIM00000001");
	snprintf(p->fw_version, sizeof(p->fw_version), "1.0.0");
	p->lanes_per_laser = 4;
	p->lane_rate_mbps = 200000;
	p->wavelength_pm = 1311000;
	p->update_period_ms = 100;
	p->evring_entries = 1024;
	p->ambient_c = 25.0;
	p->coolant_c = 31.0;
	p->oe_rth = 20.0;
	p->asic_load = 0.6;
	p->laser_power_mw = 100.0;
	p->laser_ith_ma = 30.0;
	p->laser_slope = 0.27;
	p->laser_imax_ma = 650.0;
	p->laser_temp_c = 45.0;
	p->aging_pct_per_khour = 0.3;
	p->laser_mode = CPO_HW_LASER_MODE_APC;
	p->lane_loss_db = 12.5;
	p->path_loss_db = 1.5;
	p->link_loss_db = 2.0;
	p->far_tx_dbm = 1.0;
}

struct sim_key {
	const char *key;
	char type;		/* u: unsigned, d: double, s: string, m: mode */
	size_t off;
	size_t size;		/* string buffer size */
	double min, max;
};

#define K_U(k, f, lo, hi) { k, 'u', offsetof(struct sim_profile, f), 0, lo, hi }
#define K_D(k, f, lo, hi) { k, 'd', offsetof(struct sim_profile, f), 0, lo, hi }
#define K_S(k, f) { k, 's', offsetof(struct sim_profile, f), \
		    sizeof(((struct sim_profile *)0)->f), 0, 0 }

static const struct sim_key sim_keys[] = {
	K_S("name", name),
	K_S("model", model),
	K_S("serial", serial),
	K_S("fw", fw_version),
	K_U("spare-oe", spare_oe, 0, CPO_HW_MAX_OE),
	K_U("spare-lasers", spare_lasers_per_els, 0, 32),
	K_U("laser-lanes", lanes_per_laser, 1, CPO_HW_LANES_PER_LASER),
	K_U("lane-rate", lane_rate_mbps, 1000, 1000000),
	K_U("wavelength-pm", wavelength_pm, 800000, 1700000),
	K_U("period-ms", update_period_ms, 10, 10000),
	K_U("evring", evring_entries, 16, 65536),
	K_D("ambient", ambient_c, -40, 85),
	K_D("coolant", coolant_c, -10, 80),
	K_D("oe-rth", oe_rth, 0, 200),
	K_D("asic-load", asic_load, 0, 1),
	K_D("laser-power-mw", laser_power_mw, 1, 1000),
	K_D("laser-ith-ma", laser_ith_ma, 1, 200),
	K_D("laser-slope", laser_slope, 0.01, 1.5),
	K_D("laser-imax-ma", laser_imax_ma, 10, 2000),
	K_D("laser-temp", laser_temp_c, 10, 80),
	K_D("aging", aging_pct_per_khour, 0, 1000),
	K_D("lane-loss-db", lane_loss_db, 0, 40),
	K_D("path-loss-db", path_loss_db, 0, 20),
	K_D("link-loss-db", link_loss_db, 0, 40),
	K_D("far-tx-dbm", far_tx_dbm, -20, 10),
};

static int sim_perr(char *err, size_t errlen, const char *file, unsigned int line,
		    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (line)
		n = snprintf(err, errlen, "%s:%u: ", file, line);
	else
		n = snprintf(err, errlen, "%s: ", file);
	if (n < 0 || (size_t)n >= errlen)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int sim_parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static int sim_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

static int sim_parse_mode(const char *s)
{
	if (!strcmp(s, "apc"))
		return CPO_HW_LASER_MODE_APC;
	if (!strcmp(s, "acc"))
		return CPO_HW_LASER_MODE_ACC;
	return -1;
}

static int sim_tokenize(char *line, char **tok)
{
	int n = 0;
	char *s = line, *hash;

	hash = strchr(line, '#');
	if (hash)
		*hash = '\0';
	while (n < SIM_MAX_TOK) {
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		if (!*s)
			break;
		tok[n++] = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			s++;
		if (*s)
			*s++ = '\0';
	}
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return *s ? -1 : n;
}

/* key value: scalar settings */
static int sim_parse_scalar(struct sim_profile *p, char **tok, int n, const char *file,
			    unsigned int line, char *err, size_t errlen)
{
	unsigned long long u[3];
	const struct sim_key *k;
	size_t i;
	double d;
	int m;

	if (!strcmp(tok[0], "oe") || !strcmp(tok[0], "els")) {
		if (n != 3 || sim_parse_uint(tok[1], 4096, &u[0]) ||
		    sim_parse_uint(tok[2], 4096, &u[1]) ||
		    (tok[0][0] == 'o' && (!u[0] || !u[1])) ||
		    (tok[0][0] == 'e' && !u[0] != !u[1]))
			return sim_perr(err, errlen, file, line,
					"'%s' takes COUNT PER_ITEM (positive integers%s)", tok[0],
					tok[0][0] == 'e' ? ", or 0 0: lasers in the engines" : "");
		if (tok[0][0] == 'o') {
			p->line_oe = line;
			p->n_oe = u[0];
			p->lanes_per_oe = u[1];
		} else {
			p->line_els = line;
			p->n_els = u[0];
			p->lasers_per_els = u[1];
		}
		return 0;
	}
	if (!strcmp(tok[0], "ports")) {
		if (n != 4 || sim_parse_uint(tok[1], 4096, &u[0]) ||
		    sim_parse_uint(tok[2], CPO_HW_LANES_PER_PORT, &u[1]) ||
		    sim_parse_uint(tok[3], UINT32_MAX, &u[2]) || !u[0] || !u[1] || !u[2])
			return sim_perr(err, errlen, file, line,
					"'ports' takes COUNT LANES(1-%d) SPEED_MBPS",
					CPO_HW_LANES_PER_PORT);
		p->line_ports = line;
		p->n_ports = u[0];
		p->lanes_per_port = u[1];
		p->lane_rate_mbps = u[2] / u[1];
		return 0;
	}
	if (!strcmp(tok[0], "laser-mode")) {
		m = n == 2 ? sim_parse_mode(tok[1]) : -1;
		if (m < 0)
			return sim_perr(err, errlen, file, line, "'laser-mode' takes apc or acc");
		p->laser_mode = m;
		return 0;
	}
	for (i = 0; i < SIM_ARRAY_SIZE(sim_keys); i++) {
		k = &sim_keys[i];
		if (strcmp(tok[0], k->key))
			continue;
		if (n != 2)
			return sim_perr(err, errlen, file, line, "'%s' takes one value", k->key);
		switch (k->type) {
		case 's':
			if (strlen(tok[1]) >= k->size)
				return sim_perr(err, errlen, file, line,
						"'%s' value longer than %zu characters",
						k->key, k->size - 1);
			snprintf((char *)p + k->off, k->size, "%s", tok[1]);
			return 0;
		case 'u':
			if (sim_parse_uint(tok[1], (unsigned long long)k->max, &u[0]) ||
			    u[0] < k->min)
				return sim_perr(err, errlen, file, line,
						"'%s' wants an integer in %.0f..%.0f",
						k->key, k->min, k->max);
			*(unsigned int *)((char *)p + k->off) = u[0];
			return 0;
		default:
			if (sim_parse_double(tok[1], &d) || d < k->min || d > k->max)
				return sim_perr(err, errlen, file, line,
						"'%s' wants a number in %g..%g",
						k->key, k->min, k->max);
			*(double *)((char *)p + k->off) = d;
			return 0;
		}
	}
	return 1;	/* not a scalar key */
}

static unsigned int sim_prof_lasers(const struct sim_profile *p)
{
	return p->n_els * (p->lasers_per_els + p->spare_lasers_per_els);
}

/* link-loss PORT DB | laser IDX age|aging|mode VALUE */
static int sim_parse_table(struct sim_profile *p, char **tok, int n, const char *file,
			   unsigned int line, char *err, size_t errlen)
{
	unsigned long long idx;
	double d;
	int m;

	if (!strcmp(tok[0], "link-loss")) {
		if (n != 3 || sim_parse_uint(tok[1], p->n_ports ? p->n_ports - 1 : 0, &idx) ||
		    !p->n_ports)
			return sim_perr(err, errlen, file, line,
					"'link-loss' takes PORT (0..%u) DB",
					p->n_ports ? p->n_ports - 1 : 0);
		if (sim_parse_double(tok[2], &d) || d < 0 || d > 40)
			return sim_perr(err, errlen, file, line,
					"link loss wants dB in 0..40");
		p->port_link_loss[idx] = d;
		return 0;
	}
	if (!strcmp(tok[0], "laser")) {
		unsigned int nl = sim_prof_lasers(p);

		if (n != 4 || !nl || sim_parse_uint(tok[1], nl - 1, &idx))
			return sim_perr(err, errlen, file, line,
					"'laser' takes INDEX (0..%u) age|aging|mode VALUE",
					nl ? nl - 1 : 0);
		if (!strcmp(tok[2], "mode")) {
			m = sim_parse_mode(tok[3]);
			if (m < 0)
				return sim_perr(err, errlen, file, line,
						"laser mode is apc or acc");
			p->laser_mode_of[idx] = m;
			return 0;
		}
		if (sim_parse_double(tok[3], &d) || d < 0 || d > 1e7)
			return sim_perr(err, errlen, file, line,
					"laser %s wants a number in 0..1e7", tok[2]);
		if (!strcmp(tok[2], "age"))
			p->laser_age_h[idx] = d;
		else if (!strcmp(tok[2], "aging"))
			p->laser_rate[idx] = d;
		else
			return sim_perr(err, errlen, file, line,
					"unknown laser attribute '%s'", tok[2]);
		return 0;
	}
	return 1;
}

static int sim_profile_validate(const struct sim_profile *p, const char *file,
				char *err, size_t errlen)
{
	unsigned int oes = p->n_oe + p->spare_oe;
	unsigned long lanes = (unsigned long)oes * p->lanes_per_oe;
	unsigned long active = (unsigned long)p->n_oe * p->lanes_per_oe;
	unsigned long lasers = sim_prof_lasers(p);

	if (!p->n_oe || !p->line_els || !p->n_ports)
		return sim_perr(err, errlen, file, 0, "needs 'oe', 'els' and 'ports' lines");
	if (!p->n_els && p->spare_lasers_per_els)
		return sim_perr(err, errlen, file, p->line_els,
				"spare lasers need ELSFP slots");
	if (oes > CPO_HW_MAX_OE || lanes > CPO_HW_MAX_LANES || p->n_ports > CPO_HW_MAX_PORTS ||
	    p->n_els > CPO_HW_MAX_ELS || lasers > CPO_HW_MAX_LASERS)
		return sim_perr(err, errlen, file, p->line_oe,
				"topology beyond interface limits (oe %d lanes %d ports %d els %d lasers %d)",
				CPO_HW_MAX_OE, CPO_HW_MAX_LANES, CPO_HW_MAX_PORTS,
				CPO_HW_MAX_ELS, CPO_HW_MAX_LASERS);
	if (p->lasers_per_els + p->spare_lasers_per_els > 255)
		return sim_perr(err, errlen, file, p->line_els, "more than 255 lasers per slot");
	if (p->lanes_per_oe % p->lanes_per_port)
		return sim_perr(err, errlen, file, p->line_ports,
				"lanes per engine (%u) not a multiple of lanes per port (%u)",
				p->lanes_per_oe, p->lanes_per_port);
	if ((unsigned long)p->n_ports * p->lanes_per_port != active)
		return sim_perr(err, errlen, file, p->line_ports,
				"ports use %lu lanes but the active engines have %lu",
				(unsigned long)p->n_ports * p->lanes_per_port, active);
	if (p->n_els &&
	    (unsigned long)p->n_els * p->lasers_per_els * p->lanes_per_laser != active)
		return sim_perr(err, errlen, file, p->line_els,
				"active lasers feed %lu lanes but the active engines have %lu",
				(unsigned long)p->n_els * p->lasers_per_els * p->lanes_per_laser,
				active);
	if (p->lanes_per_oe % p->lanes_per_laser)
		return sim_perr(err, errlen, file, p->line_els,
				"a laser's lanes would straddle two engines");
	if (p->evring_entries & (p->evring_entries - 1))
		return sim_perr(err, errlen, file, 0, "'evring' must be a power of two");
	if (p->laser_imax_ma <= p->laser_ith_ma)
		return sim_perr(err, errlen, file, 0, "laser-imax-ma must exceed laser-ith-ma");
	return 0;
}

int sim_profile_parse(struct sim_profile *p, const char *file, const char *text,
		      char *err, size_t errlen)
{
	char buf[SIM_MAX_LINE], *tok[SIM_MAX_TOK];
	const char *s, *nl;
	unsigned int line, nlas, i;
	int pass, n, rc;
	size_t len;

	sim_profile_defaults(p);
	/* pass 0: scalars, pass 1: table lines (they need the counts) */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			rc = sim_profile_validate(p, file, err, errlen);
			if (rc)
				return rc;
			nlas = sim_prof_lasers(p);
			p->port_link_loss = calloc(p->n_ports, sizeof(double));
			p->laser_age_h = calloc(nlas, sizeof(double));
			p->laser_rate = calloc(nlas, sizeof(double));
			p->laser_mode_of = calloc(nlas, sizeof(int));
			if (!p->port_link_loss || !p->laser_age_h || !p->laser_rate ||
			    !p->laser_mode_of) {
				sim_profile_free(p);
				snprintf(err, errlen, "%s: out of memory", file);
				return -ENOMEM;
			}
			for (i = 0; i < p->n_ports; i++)
				p->port_link_loss[i] = NAN;
			for (i = 0; i < nlas; i++) {
				p->laser_rate[i] = NAN;
				p->laser_mode_of[i] = -1;
			}
		}
		for (s = text, line = 1; *s; s = nl ? nl + 1 : s + strlen(s), line++) {
			nl = strchr(s, '\n');
			len = nl ? (size_t)(nl - s) : strlen(s);
			if (len >= sizeof(buf)) {
				rc = sim_perr(err, errlen, file, line, "line too long");
				goto err_free;
			}
			memcpy(buf, s, len);
			buf[len] = '\0';
			n = sim_tokenize(buf, tok);
			if (n < 0) {
				rc = sim_perr(err, errlen, file, line, "too many fields");
				goto err_free;
			}
			if (!n)
				continue;
			if (pass == 0) {
				rc = sim_parse_scalar(p, tok, n, file, line, err, errlen);
				if (rc == 1 && (!strcmp(tok[0], "link-loss") ||
						!strcmp(tok[0], "laser")))
					rc = 0;
				else if (rc == 1)
					rc = sim_perr(err, errlen, file, line,
						      "unknown key '%s'", tok[0]);
			} else {
				rc = sim_parse_table(p, tok, n, file, line, err, errlen);
				if (rc == 1)
					rc = 0;
			}
			if (rc)
				goto err_free;
			if (!nl)
				break;
		}
	}
	return 0;

err_free:
	sim_profile_free(p);
	return rc;
}

void sim_profile_free(struct sim_profile *p)
{
	free(p->port_link_loss);
	free(p->laser_age_h);
	free(p->laser_rate);
	free(p->laser_mode_of);
	p->port_link_loss = NULL;
	p->laser_age_h = NULL;
	p->laser_rate = NULL;
	p->laser_mode_of = NULL;
}

int sim_profile_load(struct sim_profile *p, const char *path, char *err, size_t errlen)
{
	FILE *f;
	char *text;
	long len;
	int rc;

	f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || len > (1 << 20) ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		snprintf(err, errlen, "%s: unreadable or larger than 1 MiB", path);
		return -EINVAL;
	}
	text = malloc(len + 1);
	if (!text) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	if (fread(text, 1, len, f) != (size_t)len) {
		free(text);
		fclose(f);
		snprintf(err, errlen, "%s: read error", path);
		return -EIO;
	}
	text[len] = '\0';
	fclose(f);
	if (strlen(text) != (size_t)len) {
		free(text);
		snprintf(err, errlen, "%s: contains a NUL byte", path);
		return -EINVAL;
	}
	rc = sim_profile_parse(p, path, text, err, errlen);
	free(text);
	if (!rc && !p->name[0]) {
		const char *b = strrchr(path, '/');

		snprintf(p->name, sizeof(p->name), "%s", b ? b + 1 : path);
		*strchrnul(p->name, '.') = '\0';
	}
	return rc;
}

/*
 * NAME: profiles/NAME.profile next to the binary (or $CPO_SIM_PROFILES);
 * anything with a '/' or an existing file: a path.  Caller frees.
 */
char *sim_profile_find(const char *name)
{
	char exe[PATH_MAX], *slash, *path;
	const char *dir;
	ssize_t n;

	if (strchr(name, '/') || access(name, R_OK) == 0)
		return strdup(name);
	dir = getenv("CPO_SIM_PROFILES");
	if (dir) {
		if (asprintf(&path, "%s/%s.profile", dir, name) < 0)
			return NULL;
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			if (asprintf(&path, "%s/profiles/%s.profile", exe, name) < 0)
				return NULL;
			if (access(path, R_OK) == 0)
				return path;
			free(path);
		}
	}
	if (asprintf(&path, "profiles/%s.profile", name) < 0)
		return NULL;
	return path;
}

int sim_topo_build(struct sim_dev *dev, char *err, size_t errlen)
{
	const struct sim_profile *p = &dev->prof;
	unsigned int o, l, pt, s, k, j, lpe, act_laser, lane;

	dev->n_oe = p->n_oe + p->spare_oe;
	dev->n_lanes = dev->n_oe * p->lanes_per_oe;
	dev->n_ports = p->n_ports;
	dev->n_els = p->n_els;
	lpe = p->lasers_per_els + p->spare_lasers_per_els;
	dev->n_lasers = p->n_els * lpe;

	dev->t_oe = calloc(dev->n_oe, sizeof(*dev->t_oe));
	dev->t_lane = calloc(dev->n_lanes, sizeof(*dev->t_lane));
	dev->t_port = calloc(dev->n_ports, sizeof(*dev->t_port));
	dev->t_els = calloc(dev->n_els, sizeof(*dev->t_els));
	dev->t_laser = calloc(dev->n_lasers, sizeof(*dev->t_laser));
	dev->oe = calloc(dev->n_oe, sizeof(*dev->oe));
	dev->lane = calloc(dev->n_lanes, sizeof(*dev->lane));
	dev->port = calloc(dev->n_ports, sizeof(*dev->port));
	dev->els = calloc(dev->n_els, sizeof(*dev->els));
	dev->laser = calloc(dev->n_lasers, sizeof(*dev->laser));
	if (!dev->t_oe || !dev->t_lane || !dev->t_port || (dev->n_els && !dev->t_els) ||
	    (dev->n_lasers && !dev->t_laser) || !dev->oe || !dev->lane || !dev->port ||
	    (dev->n_els && !dev->els) || (dev->n_lasers && !dev->laser)) {
		snprintf(err, errlen, "out of memory");
		sim_topo_free(dev);
		return -ENOMEM;
	}

	for (o = 0; o < dev->n_oe; o++) {
		dev->t_oe[o].first_lane = o * p->lanes_per_oe;
		dev->t_oe[o].n_lanes = p->lanes_per_oe;
		dev->t_oe[o].flags = o >= p->n_oe ? CPO_HW_F_SPARE : 0;
		for (l = 0; l < p->lanes_per_oe; l++) {
			struct cpo_hw_lane *tl = &dev->t_lane[o * p->lanes_per_oe + l];

			tl->oe = o;
			tl->port = CPO_HW_NONE;
			tl->laser = CPO_HW_NONE;
			tl->oe_lane = l;
		}
	}
	for (pt = 0; pt < dev->n_ports; pt++) {
		struct cpo_hw_port *tp = &dev->t_port[pt];

		tp->n_lanes = p->lanes_per_port;
		tp->speed_mbps = p->lane_rate_mbps * p->lanes_per_port;
		for (j = 0; j < CPO_HW_LANES_PER_PORT; j++)
			tp->lane[j] = CPO_HW_NONE;
		for (j = 0; j < p->lanes_per_port; j++) {
			lane = pt * p->lanes_per_port + j;
			tp->lane[j] = lane;
			dev->t_lane[lane].port = pt;
			dev->t_lane[lane].port_lane = j;
		}
		tp->oe = dev->t_lane[tp->lane[0]].oe;
	}
	act_laser = 0;
	for (s = 0; s < dev->n_els; s++) {
		dev->t_els[s].first_laser = s * lpe;
		dev->t_els[s].n_lasers = lpe;
		dev->t_els[s].wavelength_pm = p->wavelength_pm;
		for (k = 0; k < lpe; k++) {
			struct cpo_hw_laser *ta = &dev->t_laser[s * lpe + k];

			ta->els = s;
			ta->els_index = k;
			for (j = 0; j < CPO_HW_LANES_PER_LASER; j++)
				ta->lane[j] = CPO_HW_NONE;
			if (k >= p->lasers_per_els) {
				ta->flags = CPO_HW_F_SPARE;
				continue;
			}
			ta->n_lanes = p->lanes_per_laser;
			for (j = 0; j < p->lanes_per_laser; j++) {
				lane = act_laser * p->lanes_per_laser + j;
				ta->lane[j] = lane;
				dev->t_lane[lane].laser = s * lpe + k;
			}
			act_laser++;
		}
	}
	return 0;
}

void sim_topo_free(struct sim_dev *dev)
{
	free(dev->t_oe);
	free(dev->t_lane);
	free(dev->t_port);
	free(dev->t_els);
	free(dev->t_laser);
	free(dev->oe);
	free(dev->lane);
	free(dev->port);
	free(dev->els);
	free(dev->laser);
	dev->t_oe = NULL;
	dev->t_lane = NULL;
	dev->t_port = NULL;
	dev->t_els = NULL;
	dev->t_laser = NULL;
	dev->oe = NULL;
	dev->lane = NULL;
	dev->port = NULL;
	dev->els = NULL;
	dev->laser = NULL;
}

static void sim_json_list(FILE *f, const uint16_t *v, unsigned int n)
{
	unsigned int i;

	fputc('[', f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%u", i ? ", " : "", v[i]);
	fputc(']', f);
}

/*
 * The topology as JSON, the shape of a platform's cpo.json: engines with
 * their lanes, slots with their lasers, lasers with the lanes they feed,
 * ports with their engine and lanes.
 */
void sim_topo_dump_json(const struct sim_dev *dev, FILE *f)
{
	unsigned int i, j;
	uint16_t tmp[CPO_HW_MAX_LANES];

	fprintf(f, "{\n  \"profile\": \"%s\",\n  \"model\": \"%s\",\n  \"lane_rate_mbps\": %u,\n",
		dev->prof.name, dev->prof.model, dev->prof.lane_rate_mbps);
	fprintf(f, "  \"engines\": [\n");
	for (i = 0; i < dev->n_oe; i++) {
		for (j = 0; j < dev->t_oe[i].n_lanes; j++)
			tmp[j] = dev->t_oe[i].first_lane + j;
		fprintf(f, "    { \"index\": %u, \"spare\": %s, \"lanes\": ", i,
			dev->t_oe[i].flags & CPO_HW_F_SPARE ? "true" : "false");
		sim_json_list(f, tmp, dev->t_oe[i].n_lanes);
		fprintf(f, " }%s\n", i + 1 < dev->n_oe ? "," : "");
	}
	fprintf(f, "  ],\n  \"els\": [\n");
	for (i = 0; i < dev->n_els; i++) {
		for (j = 0; j < dev->t_els[i].n_lasers; j++)
			tmp[j] = dev->t_els[i].first_laser + j;
		fprintf(f, "    { \"slot\": %u, \"wavelength_pm\": %u, \"lasers\": ", i,
			dev->t_els[i].wavelength_pm);
		sim_json_list(f, tmp, dev->t_els[i].n_lasers);
		fprintf(f, " }%s\n", i + 1 < dev->n_els ? "," : "");
	}
	fprintf(f, "  ],\n  \"lasers\": [\n");
	for (i = 0; i < dev->n_lasers; i++) {
		const struct cpo_hw_laser *a = &dev->t_laser[i];

		fprintf(f, "    { \"index\": %u, \"els\": %u, \"els_index\": %u, \"spare\": %s, \"lanes\": ",
			i, a->els, a->els_index, a->flags & CPO_HW_F_SPARE ? "true" : "false");
		sim_json_list(f, a->lane, a->n_lanes);
		fprintf(f, " }%s\n", i + 1 < dev->n_lasers ? "," : "");
	}
	fprintf(f, "  ],\n  \"ports\": [\n");
	for (i = 0; i < dev->n_ports; i++) {
		const struct cpo_hw_port *p = &dev->t_port[i];

		fprintf(f, "    { \"index\": %u, \"oe\": %u, \"speed_mbps\": %u, \"lanes\": ",
			i, p->oe, p->speed_mbps);
		sim_json_list(f, p->lane, p->n_lanes);
		fprintf(f, " }%s\n", i + 1 < dev->n_ports ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
}
