/* x835.c: 835 transaction sets as remittance documents (see x835.h). */
#include "formats/x12/x835.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool x12_cents(const char *s, long long *cents)
{
	const char *p = s;
	bool neg = *p == '-';
	if (neg)
		p++;
	long long whole = 0, frac = 0;
	int digits = 0, decimals = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		if (whole > 100000000000LL)
			return false;
		whole = whole * 10 + (*p - '0');
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, decimals++) {
			if (decimals < 2)
				frac = frac * 10 + (*p - '0');
			else if (*p != '0')
				return false; /* a fraction of a cent */
		}
	if (*p || (!digits && !decimals))
		return false;
	if (decimals == 1)
		frac *= 10;
	*cents = (neg ? -1 : 1) * (whole * 100 + frac);
	return true;
}

typedef struct reading {
	json_t *all, *cur, *claim, *line;
	long long paid, plb;
} reading;

static int amount(const x12_seg *s, int n, long long *out, bool required, err *e)
{
	const char *v = x12_el(s, n);
	if (!*v && !required) {
		*out = 0;
		return 0;
	}
	if (!x12_cents(v, out))
		return err_set(e, ERR_BAD_REQUEST, "line %ld: %s%02d: not an amount", s->line, s->id, n);
	return 0;
}

static json_t *date_of(const char *ccyymmdd)
{
	if (strlen(ccyymmdd) != 8)
		return json_null();
	char d[11];
	snprintf(d, sizeof d, "%.4s-%.2s-%.2s", ccyymmdd, ccyymmdd + 4, ccyymmdd + 6);
	return json_string(d);
}

/* SVC01 and SVC06: qualifier, code, up to four modifiers. */
static json_t *procedure(const x12_seg *s, int n, json_t **mods)
{
	const char *el = x12_el(s, n);
	char sep = s->seps.component;
	if (!strchr(el, sep) && strlen(el) > 3 && !strchr("0123456789", el[2]))
		sep = el[2]; /* "HC>55669" under a declared ':' */
	char part[6][16] = {{0}};
	int k = 0;
	for (const char *p = el; k < 6;) {
		size_t len = strcspn(p, (char[]){sep, 0});
		snprintf(part[k++], sizeof part[0], "%.*s", (int)len, p);
		if (!p[len])
			break;
		p += len + 1;
	}
	if (mods) {
		*mods = json_array();
		for (int i = 2; i < k && i < 6; i++)
			if (*part[i])
				json_array_append_new(*mods, json_string(part[i]));
	}
	return *part[1] ? json_string(part[1]) : json_null();
}

/* A field of the document (json_pack parses its format on every call: a third of reading
 * an 835). A value that is not UTF-8 leaves the field out. */
static void put_s(json_t *o, const char *k, const char *v) { json_object_set_new_nocheck(o, k, json_string(v)); }
static void put_i(json_t *o, const char *k, long long v) { json_object_set_new_nocheck(o, k, json_integer(v)); }

static int adjustments(const x12_seg *s, json_t *into, err *e)
{
	json_t *a = json_object_get(into, "adjustments");
	for (int i = 2; i + 1 <= s->nel && i <= 17; i += 3) {
		if (!*x12_el(s, i))
			continue;
		long long cents;
		if (amount(s, i + 1, &cents, true, e))
			return -1;
		json_t *adj = json_object();
		put_s(adj, "group", x12_el(s, 1));
		put_s(adj, "reason", x12_el(s, i));
		put_i(adj, "amount_cents", cents);
		if (*x12_el(s, i + 2))
			json_object_set_new(adj, "quantity", json_string(x12_el(s, i + 2)));
		json_array_append_new(a, adj);
	}
	return 0;
}

static int step(reading *r, const x12_seg *s, err *e)
{
	const char *id = s->id;
	long long a, b, c, d;
	if (!strcmp(id, "ST")) {
		json_decref(r->cur); /* a set left without its SE is dropped */
		r->cur = json_pack("{s:{}, s:{}, s:{}, s:[], s:[]}", "payer", "payee", "payment", "claims", "provider_adjustments");
		r->claim = r->line = NULL;
		r->paid = r->plb = 0;
		return 0;
	}
	if (!r->cur)
		return 0;
	if (!strcmp(id, "BPR")) {
		if (amount(s, 2, &a, true, e))
			return -1;
		json_t *p = json_object_get(r->cur, "payment");
		json_object_set_new(p, "amount_cents", json_integer(a));
		json_object_set_new(p, "credit_debit", json_string(x12_el(s, 3)));
		json_object_set_new(p, "method", json_string(x12_el(s, 4)));
		/* BPR16; some payers write it one element early */
		json_object_set_new(p, "date", date_of(*x12_el(s, 16) ? x12_el(s, 16) : x12_el(s, 15)));
	} else if (!strcmp(id, "TRN")) {
		json_object_set_new(json_object_get(r->cur, "payment"), "trace", json_string(x12_el(s, 2)));
	} else if (!strcmp(id, "N1")) {
		bool payer = !strcmp(x12_el(s, 1), "PR");
		json_t *who = json_object_get(r->cur, payer ? "payer" : "payee");
		if (payer || !strcmp(x12_el(s, 1), "PE")) {
			json_object_set_new(who, "name", json_string(x12_el(s, 2)));
			if (*x12_el(s, 4))
				json_object_set_new(who, !strcmp(x12_el(s, 3), "XX") ? "npi" : payer ? "id" : "tax_id", json_string(x12_el(s, 4)));
		}
	} else if (!strcmp(id, "REF") && !r->claim) {
		if (!strcmp(x12_el(s, 1), "2U"))
			json_object_set_new(json_object_get(r->cur, "payer"), "id", json_string(x12_el(s, 2)));
		else if (!strcmp(x12_el(s, 1), "TJ"))
			json_object_set_new(json_object_get(r->cur, "payee"), "tax_id", json_string(x12_el(s, 2)));
	} else if (!strcmp(id, "CLP")) {
		if (amount(s, 3, &a, true, e) || amount(s, 4, &b, true, e) || amount(s, 5, &c, false, e))
			return -1;
		r->claim = json_object();
		put_s(r->claim, "claim_ref", x12_el(s, 1));
		put_s(r->claim, "status", x12_el(s, 2));
		put_i(r->claim, "charge_cents", a);
		put_i(r->claim, "paid_cents", b);
		put_i(r->claim, "patient_cents", c);
		put_s(r->claim, "payer_claim_number", x12_el(s, 7));
		json_object_set_new_nocheck(r->claim, "adjustments", json_array());
		json_object_set_new_nocheck(r->claim, "remarks", json_array());
		json_object_set_new_nocheck(r->claim, "lines", json_array());
		json_array_append_new(json_object_get(r->cur, "claims"), r->claim);
		r->line = NULL;
		r->paid += b;
	} else if (!strcmp(id, "CAS") && r->claim) {
		return adjustments(s, r->line ? r->line : r->claim, e);
	} else if (!strcmp(id, "SVC") && r->claim) {
		if (amount(s, 2, &a, true, e) || amount(s, 3, &b, true, e))
			return -1;
		json_t *mods;
		json_t *code = procedure(s, 1, &mods);
		r->line = json_object();
		json_object_set_new_nocheck(r->line, "code", code);
		json_object_set_new_nocheck(r->line, "modifiers", mods);
		put_i(r->line, "charge_cents", a);
		put_i(r->line, "paid_cents", b);
		put_s(r->line, "units", *x12_el(s, 5) ? x12_el(s, 5) : "1");
		json_object_set_new_nocheck(r->line, "adjustments", json_array());
		json_object_set_new_nocheck(r->line, "remarks", json_array());
		if (*x12_el(s, 6))
			json_object_set_new(r->line, "original_code", procedure(s, 6, NULL));
		json_array_append_new(json_object_get(r->claim, "lines"), r->line);
	} else if (!strcmp(id, "DTM") && r->line && (!strcmp(x12_el(s, 1), "472") || !strcmp(x12_el(s, 1), "150"))) {
		json_object_set_new(r->line, "date", date_of(x12_el(s, 2)));
	} else if (!strcmp(id, "LQ") && r->line) {
		json_array_append_new(json_object_get(r->line, "remarks"), json_string(x12_el(s, 2)));
	} else if ((!strcmp(id, "MOA") || !strcmp(id, "MIA")) && r->claim) {
		for (int i = 1; i <= s->nel; i++) /* remark codes sit among amounts: keep the ones that look like RARCs */
			if ((x12_el(s, i)[0] == 'M' || x12_el(s, i)[0] == 'N') && strlen(x12_el(s, i)) <= 5)
				json_array_append_new(json_object_get(r->claim, "remarks"), json_string(x12_el(s, i)));
	} else if (!strcmp(id, "PLB")) {
		r->claim = r->line = NULL;
		for (int i = 3; i + 1 <= s->nel && i <= 13; i += 2) {
			if (amount(s, i + 1, &d, true, e))
				return -1;
			char reason[8], ref[64];
			x12_component(x12_el(s, i), &s->seps, 1, reason, sizeof reason);
			x12_component(x12_el(s, i), &s->seps, 2, ref, sizeof ref);
			json_array_append_new(json_object_get(r->cur, "provider_adjustments"),
					      json_pack("{s:s, s:s, s:I}", "reason", reason, "reference", ref, "amount_cents", (json_int_t)d));
			r->plb += d;
		}
	} else if (!strcmp(id, "SE")) {
		long long bpr = json_integer_value(json_object_get(json_object_get(r->cur, "payment"), "amount_cents"));
		json_object_set_new(r->cur, "totals",
				    json_pack("{s:I, s:I, s:b}", "claims_paid_cents", (json_int_t)r->paid, "provider_adjustments_cents",
					      (json_int_t)r->plb, "balanced", bpr == r->paid - r->plb));
		json_array_append_new(r->all, r->cur);
		r->cur = r->claim = r->line = NULL;
	}
	return 0;
}

json_t *x835_read(x12_reader *rd, err *e)
{
	reading r = {json_array(), NULL, NULL, NULL, 0, 0};
	x12_seg *s = malloc(sizeof *s);
	int rc = s ? 0 : err_set(e, ERR_INTERNAL, "out of memory");
	bool in835 = false;
	while (s && (rc = x12_next(rd, s, e)) == 1) {
		if (!strcmp(s->id, "ST"))
			in835 = !strcmp(x12_el(s, 1), "835");
		if (in835 && step(&r, s, e)) {
			rc = -1;
			break;
		}
	}
	free(s);
	json_decref(r.cur);
	if (rc < 0) {
		json_decref(r.all);
		return NULL;
	}
	return r.all;
}
