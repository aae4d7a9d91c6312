/* guide.c: implementation-guide checks on top of the loop tracker (see guide.h).
 *
 * The element rules (rules.c) are parsed once into el_rule trees and grouped by set and
 * loop, so checking a segment costs a short scan of its loop's rules. */
#include "formats/x12/guide.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/x12/rules.h"

typedef struct el_rule {
	char usage;        /* 'R', 'S' or 'N' */
	int de;            /* data element; 0 for a composite */
	const x12_data_element *d; /* its dictionary entry */
	const char *codes; /* ",A,B," or NULL when any value will do */
	struct el_rule *comp;
	int ncomp;
} el_rule;

typedef struct crule {
	const x12_seg_rule *r;
	uint32_t seg; /* x12_seg_key(r->seg) */
	el_rule *el;
	int nel;
	int key, key_comp; /* the first coded element (1-based) and component (0: simple); 0 when none */
} crule;

#define MAX_SETS 16
#define MAX_RULES 512
#define MAX_ELS 8192
static crule rules[MAX_RULES];
static el_rule pool[MAX_ELS];
static int npool;
static struct {
	int first, n;
} by_loop[MAX_SETS][X12_GUIDE_LOOPS];
static pthread_once_t compiled = PTHREAD_ONCE_INIT;

static el_rule *take(int n)
{
	if (npool + n > MAX_ELS)
		abort(); /* the rule tables outgrew the pool: a build-time mistake */
	el_rule *e = &pool[npool];
	memset(e, 0, (size_t)n * sizeof *e);
	npool += n;
	return e;
}

/* Parses one element spec ("R98=85", "-", "R(R235=HC:R234)") ending at one of `stop`. */
static const char *parse_el(const char *p, const char *stop, el_rule *e)
{
	e->usage = *p == '-' ? 'N' : *p;
	if (*p++ == '-')
		return p;
	if (*p == '(') {
		int n = 1;
		for (const char *q = p + 1; *q && *q != ')'; q++)
			n += *q == ':';
		e->comp = take(n);
		for (p++; *p && *p != ')'; p += *p == ':')
			p = parse_el(p, ":)", &e->comp[e->ncomp++]);
		return p + (*p == ')');
	}
	e->de = (int)strtol(p, (char **)&p, 10);
	e->d = x12_data_element_find(e->de);
	if (*p == '=') {
		size_t n = strcspn(p + 1, stop);
		char *codes = malloc(n + 3); /* kept for the life of the process */
		if (!codes)
			abort();
		snprintf(codes, n + 3, ",%.*s,", (int)n, p + 1);
		e->codes = codes;
		p += 1 + n;
	}
	return p;
}

static void compile(void)
{
	int n = 0;
	for (const x12_seg_rule *r = x12_rules; r->guide; r++, n++) {
		if (n == MAX_RULES)
			abort();
		crule *c = &rules[n];
		c->r = r;
		c->seg = x12_seg_key(r->seg);
		for (const char *p = r->els; *p; p++)
			c->nel += *p != ' ' && (p == r->els || p[-1] == ' ');
		c->el = take(c->nel);
		const char *p = r->els;
		for (int i = 0; i < c->nel; i++) {
			p += strspn(p, " ");
			p = parse_el(p, " ", &c->el[i]);
			for (int k = 0; !c->key && k <= c->el[i].ncomp; k++) {
				const el_rule *e = k ? &c->el[i].comp[k - 1] : &c->el[i];
				if (e->codes)
					c->key = i + 1, c->key_comp = k;
			}
		}
	}
	for (int k = 0; x12_sets[k]; k++) {
		const x12_set_def *d = x12_sets[k];
		if (k >= MAX_SETS || d->nloops > X12_GUIDE_LOOPS)
			abort();
		for (int i = 0; i < d->nloops; i++)
			for (int j = 0; j < n; j++)
				if (!strcmp(rules[j].r->guide, d->guide_prefix) && !strcmp(rules[j].r->loop, d->loops[i].id)) {
					if (!by_loop[k][i].n)
						by_loop[k][i].first = j;
					by_loop[k][i].n++;
				}
	}
}

void x12_guide_start(x12_guide *g, const x12_set_def *def, long line, bool checks)
{
	pthread_once(&compiled, compile);
	memset(g, 0, sizeof *g);
	g->checks = checks;
	x12_track_start(&g->t, def);
	g->set = x12_set_index(def);
	g->lv[0].line = line;
	g->lv[0].last = -1;
}

/* "loop 2300", or "the header" for the set's own level, for messages. */
typedef struct label {
	char s[24];
} label;
static label where(const char *id)
{
	label l;
	snprintf(l.s, sizeof l.s, strcmp(id, "ST") ? "loop %s" : "the header", id);
	return l;
}

static x12_issue *issue(x12_envelope *v, char level, const char *code, long line, const char *seg, int el, int comp,
			const char *loop, const char *msg)
{
	x12_issue *i = x12_issue_add(v, level, code, line, seg, el, "%s", msg);
	if (i) {
		i->component = comp;
		snprintf(i->loop, sizeof i->loop, "%s", strcmp(loop, "ST") ? loop : "");
	}
	return i;
}

static bool all_digits(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return false;
	return n > 0;
}

static bool date_ok(const char *v, size_t n)
{
	if (n != 8 || !all_digits(v, n))
		return false;
	int y = atoi((char[]){v[0], v[1], v[2], v[3], 0}), m = atoi((char[]){v[4], v[5], 0}), d = atoi((char[]){v[6], v[7], 0});
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100) || y % 400 == 0;
	return m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1] && !(m == 2 && d == 29 && !leap);
}

static bool time_ok(const char *v, size_t n)
{
	if (n < 4 || n > 8 || n == 5 || !all_digits(v, n))
		return false;
	int h = (v[0] - '0') * 10 + v[1] - '0', m = (v[2] - '0') * 10 + v[3] - '0';
	return h < 24 && m < 60 && (n < 6 || (v[4] - '0') * 10 + v[5] - '0' < 60);
}

/* True when the value (n bytes at v) is one of codes (",A,B,"). */
static bool in_codes(const char *codes, const char *v, size_t n)
{
	for (const char *p = codes + 1, *q; n && (q = strchr(p, ',')); p = q + 1)
		if ((size_t)(q - p) == n && !memcmp(p, v, n))
			return true;
	return false;
}

/* The IK403 code of what is wrong with a value of element rule e, or NULL; *why says more. */
static const char *check_value(const el_rule *e, const char *v, size_t n, char *why, size_t cap)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return snprintf(why, cap, "holds a control character"), "6";
	const x12_data_element *d = e->d;
	if (!d)
		return NULL;
	size_t len = n;
	if (!strcmp(d->type, "DT")) {
		if (!date_ok(v, n))
			return snprintf(why, cap, "is not a date (CCYYMMDD)"), "8";
	} else if (!strcmp(d->type, "TM")) {
		if (!time_ok(v, n))
			return snprintf(why, cap, "is not a time (HHMM, HHMMSS or longer)"), "9";
	} else if (d->type[0] == 'R' || d->type[0] == 'N') {
		size_t i = v[0] == '-', dots = 0;
		len = 0;
		for (; i < n; i++) {
			if (v[i] == '.' && d->type[0] == 'R' && !dots++)
				continue;
			if (!isdigit((unsigned char)v[i]))
				return snprintf(why, cap, "is not a %s", d->type[0] == 'R' ? "number" : "whole number"), "6";
			len++;
		}
		if (!len)
			return snprintf(why, cap, "is not a number"), "6";
	}
	if ((int)len < d->min)
		return snprintf(why, cap, "is shorter than %d %s", d->min, len != n ? "digits" : "characters"), "4";
	if ((int)len > d->max)
		return snprintf(why, cap, "is longer than %d %s", d->max, len != n ? "digits" : "characters"), "5";
	if (e->codes) {
		if (!in_codes(e->codes, v, n)) {
			size_t cl = strlen(e->codes);
			if (cl <= 72)
				snprintf(why, cap, "is not a code the guide allows here (%.*s)", (int)cl - 2, e->codes + 1);
			else
				snprintf(why, cap, "is not a code the guide allows here");
			return "7";
		}
	}
	return NULL;
}

/* Checks one element (or component) against its rule. */
static void check_el(x12_envelope *v, const x12_seg *s, const char *loop, int el, int comp, const el_rule *e,
		     const char *val, size_t n)
{
	char why[120];
	if (!n) {
		if (e->usage == 'R') {
			snprintf(why, sizeof why, "is required in %s and missing", where(loop).s);
			issue(v, 'E', "1", s->line, s->id, el, comp, loop, why);
		}
		return;
	}
	if (e->usage == 'N') {
		snprintf(why, sizeof why, "is not used in %s but is present", where(loop).s);
		issue(v, 'E', "I10", s->line, s->id, el, comp, loop, why);
		return;
	}
	if (e->ncomp) {
		int c = 0;
		for (const char *p = val, *end = val + n; p <= end; c++) {
			const char *q = memchr(p, s->seps.component, (size_t)(end - p));
			if (!q)
				q = end;
			if (c < e->ncomp)
				check_el(v, s, loop, el, c + 1, &e->comp[c], p, (size_t)(q - p));
			else if (q > p) {
				snprintf(why, sizeof why, "has more than the %d components the guide defines", e->ncomp);
				issue(v, 'E', "13", s->line, s->id, el, c + 1, loop, why);
				break;
			}
			p = q + 1;
		}
		for (; c < e->ncomp; c++)
			if (e->comp[c].usage == 'R') {
				snprintf(why, sizeof why, "is required in %s and missing", where(loop).s);
				issue(v, 'E', "1", s->line, s->id, el, c + 1, loop, why);
			}
		return;
	}
	const char *code = check_value(e, val, n, why, sizeof why);
	if (code)
		issue(v, 'E', code, s->line, s->id, el, comp, loop, why);
}

/* The value of element el (1-based), component comp (0: the whole element): where it starts
 * in the segment, and its length in *n. */
static const char *span(const x12_seg *s, int el, int comp, size_t *n)
{
	const char *v = x12_el(s, el), *end = v + strlen(v);
	for (int c = 1; c < comp && v < end; c++) {
		const char *q = memchr(v, s->seps.component, (size_t)(end - v));
		v = q ? q + 1 : end;
	}
	const char *q = comp ? memchr(v, s->seps.component, (size_t)(end - v)) : NULL;
	*n = (size_t)((q ? q : end) - v);
	return v;
}

/* Picks the segment's rule among its loop's, and checks its elements against it. */
static void check_rules(x12_guide *g, x12_envelope *v, const x12_seg *s, int at, int d)
{
	const char *loop = g->t.def->loops[at].id;
	/* at < nloops <= X12_GUIDE_LOOPS (checked when the tables are built); the bounds checks on
	 * `at` elsewhere are defensive */
	// cppcheck-suppress arrayIndexOutOfBoundsCond
	int first = by_loop[g->set][at].first, n = by_loop[g->set][at].n, pick = -1, candidates = 0;
	const crule *lead = NULL;
	uint32_t key = x12_seg_key(s->id);
	for (int j = first; j < first + n; j++) {
		const crule *c = &rules[j];
		if (c->seg != key)
			continue;
		if (!candidates++)
			lead = c;
		if (!c->key || pick >= 0)
			continue;
		size_t len;
		const char *val = span(s, c->key, c->key_comp, &len);
		const el_rule *k = c->key_comp ? &c->el[c->key - 1].comp[c->key_comp - 1] : &c->el[c->key - 1];
		if (in_codes(k->codes, val, len))
			pick = j;
	}
	if (!candidates)
		return;
	if (pick < 0 && candidates == 1)
		pick = (int)(lead - rules);
	if (pick < 0) {
		char why[120];
		snprintf(why, sizeof why, "is not a qualifier the guide allows for %s in %s", s->id, where(loop).s);
		issue(v, 'E', "7", s->line, s->id, lead->key, lead->key_comp, loop, why);
		return;
	}
	const crule *c = &rules[pick];
	int slot = pick - first;
	if (slot < X12_GUIDE_RULES && ++g->lv[d].rule_seen[slot] > c->r->max && c->r->max) {
		char why[120];
		snprintf(why, sizeof why, "used with this qualifier more than %d time%s in %s", c->r->max,
			 c->r->max > 1 ? "s" : "", where(loop).s);
		issue(v, 'S', "5", s->line, s->id, 0, 0, loop, why);
	}
	for (int i = 0; i < c->nel; i++) {
		const char *e = x12_el(s, i + 1);
		check_el(v, s, loop, i + 1, 0, &c->el[i], e, strlen(e));
	}
	if (s->nel > c->nel) {
		char why[120];
		snprintf(why, sizeof why, "the guide defines %d elements for %s in %s", c->nel, s->id, where(loop).s);
		issue(v, 'E', "3", s->line, s->id, c->nel + 1, 0, loop, why);
	}
}

/* The loop at stack index d (loop index `loop`) ends: what it required and lacks. */
static void close_level(x12_guide *g, x12_envelope *v, int d, int loop)
{
	const x12_set_def *def = g->t.def;
	const x12_loop_def *l = &def->loops[loop];
	const x12_seg_use *u;
	int n = x12_loop_segments(def, loop, &u);
	char why[160];
	for (int k = 0; k < n && k < X12_GUIDE_SEGS; k++)
		if (u[k].required && !g->lv[d].seen[k] && strcmp(u[k].id, "SE")) {
			snprintf(why, sizeof why, "is required in %s (%s) and missing", where(l->id).s, l->name);
			issue(v, 'S', "3", g->lv[d].line, u[k].id, 0, 0, l->id, why);
		}
	const unsigned char *kids;
	int nk = x12_loop_children(def, loop, &kids);
	for (int k = 0; k < nk; k++) {
		int j = kids[k];
		const x12_loop_def *c = &def->loops[j];
		if (c->usage == 'R' && j < X12_GUIDE_LOOPS && !g->lv[d].children[j]) {
			/* a loop listed twice (2300 under 2000B and 2000C) counts under either row */
			bool found = false;
			for (int i = 1; i < def->nloops && i < X12_GUIDE_LOOPS; i++)
				found |= g->lv[d].children[i] && !strcmp(def->loops[i].id, c->id);
			if (found)
				continue;
			snprintf(why, sizeof why, "loop %s (%s) is required in %s and missing", c->id, c->name, where(l->id).s);
			issue(v, 'S', "3", g->lv[d].line, c->trigger, 0, 0, l->id, why);
		}
	}
}

int x12_guide_step(x12_guide *g, x12_envelope *v, const x12_seg *s, bool *opened)
{
	x12_tracker before = g->t;
	int at = x12_track(&g->t, s, opened);
	if (at < 0) {
		char path[64], why[160];
		x12_track_path(&g->t, path, sizeof path);
		snprintf(why, sizeof why, "not expected here in a %s (loop %s)", g->t.def ? g->t.def->set : "set", *path ? path : "header");
		const char *last = strrchr(path, '/');
		issue(v, 'S', "2", s->line, s->id, 0, 0, last ? last + 1 : path, why);
		return -1;
	}
	if (!g->checks)
		return at;
	const x12_loop_def *L = g->t.def->loops;
	int d = g->t.depth - 1;
	for (int i = before.depth - 1; i >= (*opened ? d : d + 1); i--)
		close_level(g, v, i, before.stack[i]);
	char why[160];
	if (*opened) {
		memset(&g->lv[d], 0, sizeof g->lv[d]);
		g->lv[d].line = s->line;
		g->lv[d].last = -1;
		if (at < X12_GUIDE_LOOPS && ++g->lv[d - 1].children[at] > L[at].max && L[at].max) {
			snprintf(why, sizeof why, "loop %s (%s) occurs more than %d time%s in %s", L[at].id, L[at].name, L[at].max,
				 L[at].max > 1 ? "s" : "", where(L[g->t.stack[d - 1]].id).s);
			issue(v, 'S', "4", s->line, s->id, 0, 0, L[at].id, why);
		}
	} else {
		const x12_seg_use *u;
		int n = x12_loop_segments(g->t.def, at, &u), k = 0;
		uint32_t key = x12_seg_key(s->id);
		while (k < n && u[k].key != key)
			k++;
		if (k < n && k < X12_GUIDE_SEGS) {
			if (k < g->lv[d].last) {
				snprintf(why, sizeof why, "out of the guide's order in %s: it comes before %s", where(L[at].id).s,
					 u[g->lv[d].last].id);
				issue(v, 'S', "7", s->line, s->id, 0, 0, L[at].id, why);
			} else
				g->lv[d].last = k;
			if (++g->lv[d].seen[k] > u[k].max && u[k].max) {
				snprintf(why, sizeof why, "used more than %d time%s in %s", u[k].max, u[k].max > 1 ? "s" : "", where(L[at].id).s);
				issue(v, 'S', "5", s->line, s->id, 0, 0, L[at].id, why);
			}
		}
	}
	check_rules(g, v, s, at, d);
	return at;
}

void x12_guide_end(x12_guide *g, x12_envelope *v)
{
	if (!g->t.def || !g->checks)
		return;
	for (int i = g->t.depth - 1; i >= 0; i--)
		close_level(g, v, i, g->t.stack[i]);
	g->t.depth = 0;
}

void x12_guide_feed(x12_guide *g, x12_envelope *v, const x12_seg *s)
{
	bool opened;
	if (!strcmp(s->id, "GS"))
		snprintf(g->gs08, sizeof g->gs08, "%s", x12_el(s, 8));
	else if (!strcmp(s->id, "ST")) {
		char gs08[sizeof g->gs08];
		memcpy(gs08, g->gs08, sizeof gs08);
		const x12_set_def *def = x12_set_lookup(x12_el(s, 1), *x12_el(s, 3) ? x12_el(s, 3) : gs08);
		g->t.def = NULL;
		if (def)
			x12_guide_start(g, def, s->line, true);
		memcpy(g->gs08, gs08, sizeof gs08);
	} else if (!strcmp(s->id, "SE")) {
		x12_guide_end(g, v);
		g->t.def = NULL;
	} else if (g->t.def && x12_segment_id_ok(s->id))
		x12_guide_step(g, v, s, &opened);
}
