/* sets.c: code-set lookups and the Medicare fee (see sets.h). */
#include "base/timeutil.h"
#include "billing/sets.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/money.h"

static const char *const kinds[] = {"icd10cm", "hcpcs", "ncci_ptp", "mue", "pfs", "gpci"};
static const char *const names[] = {"ICD-10-CM", "HCPCS", "NCCI PTP", "MUE", "physician fee schedule", "GPCI"};

const char *set_name(set_kind k) { return names[k]; }

/* --- a small open-addressing map: a code (up to 8 bytes, packed) -> a 32-bit value --- */

typedef struct cmap {
	uint64_t *keys; /* 0 = empty */
	uint32_t *vals;
	size_t cap;     /* a power of two, at least twice the entries */
	size_t n;
} cmap;

static void cmap_put(cmap *m, uint64_t k, uint32_t v);
static bool cmap_get(const cmap *m, uint64_t k, uint32_t *v);
static bool cmap_grow(cmap *m);

static uint64_t pack(const char *code)
{
	uint64_t k = 0;
	for (int i = 0; i < 8 && code[i]; i++)
		k = k << 8 | (uint8_t)code[i];
	return k;
}

static size_t slot(uint64_t k, size_t cap) { return (size_t)((k * 0x9e3779b97f4a7c15ull) >> 17) & (cap - 1); }

static int cmap_init(cmap *m, size_t n)
{
	m->cap = 16;
	while (m->cap < n * 2)
		m->cap *= 2;
	m->n = 0;
	m->keys = calloc(m->cap, sizeof *m->keys);
	m->vals = calloc(m->cap, sizeof *m->vals);
	return m->keys && m->vals ? 0 : -1;
}

/* Adds or replaces; false when the table is full and cannot grow. */
static bool cmap_add(cmap *m, uint64_t k, uint32_t v)
{
	if (m->n + 1 > m->cap / 2 && !cmap_grow(m))
		return false;
	uint32_t old;
	if (!cmap_get(m, k, &old))
		m->n++;
	cmap_put(m, k, v);
	return true;
}


/* Doubles the table; false when memory runs out (the map is unchanged). */
static bool cmap_grow(cmap *m)
{
	cmap n = {calloc(m->cap * 2, sizeof *n.keys), calloc(m->cap * 2, sizeof *n.vals), m->cap * 2};
	if (!n.keys || !n.vals) {
		free(n.keys), free(n.vals);
		return false;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			cmap_put(&n, m->keys[i], m->vals[i]);
	free(m->keys), free(m->vals);
	*m = n;
	return true;
}

static void cmap_put(cmap *m, uint64_t k, uint32_t v)
{
	size_t i = slot(k, m->cap);
	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = k;
	m->vals[i] = v;
}

static bool cmap_get(const cmap *m, uint64_t k, uint32_t *v)
{
	if (!m->cap || !k)
		return false;
	for (size_t i = slot(k, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == k) {
			*v = m->vals[i];
			return true;
		}
	return false;
}

/* --- releases in memory --- */

typedef struct ptp_edit {
	uint64_t pair;       /* column-1 code id << 32 | column-2 code id */
	int32_t from, to;    /* day numbers; to = INT32_MAX while not deleted */
	int32_t indicator;
} ptp_edit;

struct release {
	int64_t id, rows;
	char loaded_at[32];
	set_kind kind;
	cmap map;            /* ICD: billable; MUE: units << 2 | mai; HCPCS: index into info; PTP: code id */
	hcpcs_info *info;
	ptp_edit *edits;
	size_t nedits, ncodes;
	release *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static release *held;

static int64_t day_of(const char *s)
{
	int64_t d;
	return s && day_parse(s, &d) ? d : -1;
}

static int cmp_edit(const void *a, const void *b)
{
	const ptp_edit *x = a, *y = b;
	return x->pair < y->pair ? -1 : x->pair > y->pair ? 1 : x->from - y->from;
}

static const char *const load_sql[] = {
	[SET_ICD] = "SELECT code, billable FROM icd10cm_code WHERE version_id = $1",
	[SET_HCPCS] = "SELECT code, coverage, added, terminated FROM hcpcs_code WHERE version_id = $1 AND is_modifier = 0",
	[SET_PTP] = "SELECT col1, col2, effective, deleted, modifier_ind FROM ncci_ptp WHERE version_id = $1",
	[SET_MUE] = "SELECT code, units, mai FROM mue WHERE version_id = $1",
};

static void copy(char *dst, size_t n, const char *src) { snprintf(dst, n, "%s", src ? src : ""); }

/* The id of a PTP code, added on first sight; 0 when memory runs out. */
static uint32_t code_id(release *r, const char *code)
{
	uint32_t id;
	uint64_t k = pack(code);
	if (!cmap_get(&r->map, k, &id)) {
		id = (uint32_t)++r->ncodes;
		if (!cmap_add(&r->map, k, id))
			return 0;
	}
	return id;
}

/* Appends to a growing array; false when memory runs out. */
static bool grow(void **a, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 1024;
	void *p = realloc(*a, c * size);
	if (!p)
		return false;
	*a = p;
	*cap = c;
	return true;
}

static void release_free(release *r)
{
	free(r->map.keys), free(r->map.vals), free(r->info), free(r->edits), free(r);
}

static release *load(db *c, set_kind k, int64_t id, const char *loaded_at, int64_t rows, err *e)
{
	release *r = calloc(1, sizeof *r);
	if (!r || cmap_init(&r->map, 1024)) {
		free(r);
		return err_set(e, ERR_INTERNAL, "out of memory"), NULL;
	}
	r->id = id, r->rows = rows, r->kind = k;
	copy(r->loaded_at, sizeof r->loaded_at, loaded_at);
	db_stmt *st = db_prepare(c, load_sql[k], e);
	int rc = st ? DB_DONE : DB_ERR;
	size_t n = 0, cap = 0;
	bool ok = true;
	if (st) {
		db_bind_i64(st, 1, id);
		while (ok && (rc = db_step(st, e)) == DB_ROW) {
			uint64_t key = pack(db_col_text(st, 0));
			if (k == SET_ICD)
				ok = cmap_add(&r->map, key, (uint32_t)db_col_i64(st, 1));
			else if (k == SET_MUE)
				ok = cmap_add(&r->map, key, (uint32_t)(db_col_i64(st, 1) << 2 | (db_col_i64(st, 2) & 3)));
			else if (k == SET_HCPCS && (ok = grow((void **)&r->info, &cap, n, sizeof *r->info))) {
				copy(r->info[n].coverage, sizeof r->info[n].coverage, db_col_text(st, 1));
				copy(r->info[n].added, sizeof r->info[n].added, db_col_text(st, 2));
				copy(r->info[n].terminated, sizeof r->info[n].terminated, db_col_text(st, 3));
				ok = cmap_add(&r->map, key, (uint32_t)n++);
			} else if (k == SET_PTP && (ok = grow((void **)&r->edits, &cap, n, sizeof *r->edits))) {
				uint64_t a = code_id(r, db_col_text(st, 0)), b = code_id(r, db_col_text(st, 1));
				int64_t to = db_col_null(st, 3) ? INT32_MAX : day_of(db_col_text(st, 3));
				r->edits[n++] = (ptp_edit){a << 32 | b, (int32_t)day_of(db_col_text(st, 2)), (int32_t)to,
							   (int32_t)db_col_i64(st, 4)};
				ok = a && b;
			}
		}
		db_done(st);
	}
	if (rc == DB_ERR || !ok) {
		release_free(r);
		return rc == DB_ERR ? NULL : (err_set(e, ERR_INTERNAL, "out of memory loading a code set"), NULL);
	}
	if (k == SET_PTP) {
		qsort(r->edits, n, sizeof *r->edits, cmp_edit);
		r->nedits = n;
	}
	return r;
}

/* The release in memory, loading it on first use. */
static const release *hold(db *c, set_kind k, int64_t id, const char *loaded_at, int64_t rows, err *e)
{
	pthread_mutex_lock(&lock);
	release *r = held;
	while (r && !(r->id == id && r->rows == rows && !strcmp(r->loaded_at, loaded_at)))
		r = r->next;
	if (!r && (r = load(c, k, id, loaded_at, rows, e))) {
		r->next = held;
		held = r;
	}
	pthread_mutex_unlock(&lock);
	return r;
}

/* The release table (a few rows per kind and year), read at most once a second per thread:
 * a claim's scrub asks for it every time, and a new import is seen within the second. */
#define MAX_RELEASES 128
static __thread struct {
	db *c;
	time_t at;
	int n;
	struct {
		int kind;
		char eff[11], loaded_at[32];
		int64_t id, rows;
	} r[MAX_RELEASES];
} known;

static int releases(db *c, err *e)
{
	time_t now = time(NULL);
	if (known.c == c && known.at == now)
		return 0;
	db_stmt *st = db_prepare(c,
				 "SELECT kind, effective_from, id, loaded_at, rows_loaded FROM code_set_version "
				 "ORDER BY kind, effective_from DESC",
				 e);
	if (!st)
		return -1;
	int rc, n = 0;
	while ((rc = db_step(st, e)) == DB_ROW && n < MAX_RELEASES) {
		int k = 0;
		while (k < SET__COUNT && strcmp(kinds[k], db_col_text(st, 0)))
			k++;
		if (k == SET__COUNT)
			continue;
		known.r[n].kind = k;
		copy(known.r[n].eff, sizeof known.r[n].eff, db_col_text(st, 1));
		known.r[n].id = db_col_i64(st, 2);
		copy(known.r[n].loaded_at, sizeof known.r[n].loaded_at, db_col_text(st, 3));
		known.r[n].rows = db_col_i64(st, 4);
		n++;
	}
	db_done(st);
	if (rc == DB_ERR)
		return -1;
	known.c = c;
	known.at = now;
	known.n = n;
	return 0;
}

int sets_open(db *c, const char *dos, code_sets *cs, err *e)
{
	memset(cs, 0, sizeof *cs);
	cs->c = c;
	copy(cs->dos, sizeof cs->dos, dos);
	cs->day = day_of(dos);
	if (releases(c, e))
		return -1;
	for (int i = 0; i < known.n; i++) { /* newest first within each kind */
		int k = known.r[i].kind;
		if (cs->v[k] || strcmp(known.r[i].eff, cs->dos) > 0)
			continue;
		cs->v[k] = known.r[i].id;
		if (k <= SET_MUE &&
		    !(cs->r[k] = hold(c, (set_kind)k, known.r[i].id, known.r[i].loaded_at, known.r[i].rows, e)))
			return -1;
	}
	return 0;
}

int sets_icd(code_sets *cs, const char *code, bool *billable, err *e)
{
	(void)e;
	uint32_t v;
	if (!cs->r[SET_ICD] || !cmap_get(&cs->r[SET_ICD]->map, pack(code), &v))
		return 0;
	*billable = v != 0;
	return 1;
}

int sets_hcpcs(code_sets *cs, const char *code, hcpcs_info *out, err *e)
{
	(void)e;
	uint32_t i;
	if (!cs->r[SET_HCPCS] || !cmap_get(&cs->r[SET_HCPCS]->map, pack(code), &i))
		return 0;
	*out = cs->r[SET_HCPCS]->info[i];
	return 1;
}

int sets_ptp(code_sets *cs, const char *col1, const char *col2, int *indicator, err *e)
{
	(void)e;
	const release *r = cs->r[SET_PTP];
	uint32_t a, b;
	if (!r || !cmap_get(&r->map, pack(col1), &a) || !cmap_get(&r->map, pack(col2), &b))
		return 0;
	/* the first edit of the pair, then each of its date ranges; the latest covering the day wins
	 * (a deletion date is the last day the edit is in force: deletions fall on quarter ends) */
	uint64_t pair = (uint64_t)a << 32 | b;
	size_t lo = 0, hi = r->nedits;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->edits[mid].pair < pair)
			lo = mid + 1;
		else
			hi = mid;
	}
	int found = 0;
	for (size_t i = lo; i < r->nedits && r->edits[i].pair == pair; i++)
		if (r->edits[i].from <= cs->day && cs->day <= r->edits[i].to) {
			*indicator = r->edits[i].indicator;
			found = 1;
		}
	return found;
}

int sets_mue(code_sets *cs, const char *code, int64_t *units, int *mai, err *e)
{
	(void)e;
	uint32_t v;
	if (!cs->r[SET_MUE] || !cmap_get(&cs->r[SET_MUE]->map, pack(code), &v))
		return 0;
	*units = v >> 2;
	*mai = (int)(v & 3);
	return 1;
}

int sets_rvu(code_sets *cs, const char *code, const char *modifier, rvu_info *out, err *e)
{
	db_stmt *st = db_prepare(cs->c,
				 "SELECT status, work_rvu, pe_nonfac_rvu, pe_fac_rvu, mp_rvu, conv_factor, global_days "
				 "FROM pfs_rvu WHERE version_id = $1 AND code = $2 AND modifier = $3",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "iss", cs->v[SET_PFS], code, modifier ? modifier : "");
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		copy(out->status, sizeof out->status, db_col_text(st, 0));
		out->work = db_col_i64(st, 1);
		out->nonfac_na = db_col_null(st, 2);
		out->pe_nonfac = db_col_i64(st, 2);
		out->fac_na = db_col_null(st, 3);
		out->pe_fac = db_col_i64(st, 3);
		out->mp = db_col_i64(st, 4);
		out->cf = db_col_i64(st, 5);
		copy(out->global, sizeof out->global, db_col_text(st, 6));
	}
	db_done(st);
	return rc;
}

int sets_gpci(code_sets *cs, const char *mac, const char *locality, gpci_info *out, err *e)
{
	db_stmt *st = db_prepare(cs->c, "SELECT work, pe, mp FROM pfs_gpci WHERE version_id = $1 AND mac = $2 AND locality = $3", e);
	if (!st)
		return -1;
	db_bindv(st, "iss", cs->v[SET_GPCI], mac, locality);
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		out->work = db_col_i64(st, 0);
		out->pe = db_col_i64(st, 1);
		out->mp = db_col_i64(st, 2);
	}
	db_done(st);
	return rc;
}

int medicare_fee(const rvu_info *r, const gpci_info *g, bool facility, int64_t *cents)
{
	if (facility ? r->fac_na : r->nonfac_na)
		return 0;
	/* RVU hundredths x GPCI thousandths = 1e-5 units; x CF ten-thousandths = 1e-9 dollars */
	int64_t pe = facility ? r->pe_fac : r->pe_nonfac;
	int64_t units = r->work * g->work + pe * g->pe + r->mp * g->mp;
	*cents = money_div_round(units * r->cf, 10000000);
	return 1;
}

bool pos_facility(const char *pos)
{
	static const char *const fac[] = {"02", "19", "21", "22", "23", "24", "26", "31", "34", "41", "42",
					  "51", "52", "53", "56", "61", NULL};
	for (const char *const *p = fac; *p; p++)
		if (pos && !strcmp(pos, *p))
			return true;
	return false;
}
