/* x27x.c: the 270 inquiry and the 271 response (see x27x.h). */
#include "formats/x12/x27x.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/x12/x835.h"

static const char *txt(json_t *o, const char *k1, const char *k2)
{
	json_t *v = json_object_get(o, k1);
	if (k2)
		v = json_object_get(v, k2);
	return json_is_string(v) ? json_string_value(v) : "";
}

static const char *d8(const char *iso, char out[9])
{
	out[0] = 0;
	if (strlen(iso) == 10)
		snprintf(out, 9, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
	return out;
}

static const char *upper(const char *s, char *out, size_t n)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[i] = 0;
	return out;
}

int x270_write(x12_writer *w, json_t *req, const char *control, err *e)
{
	char date[9], dob[9], a[64], b[64], c[64], d[64];
	json_t *sub = json_object_get(req, "subscriber"), *pat = json_object_get(req, "patient");
	bool dependent = json_is_object(pat);
	d8(txt(req, "date", NULL), date);
	if (x12w_set(w, "270", control, "005010X279A1", e) ||
	    x12w_seg(w, e, "BHT", "0022", "13", txt(req, "trace", NULL), date, "1200", NULL) ||
	    x12w_seg(w, e, "HL", "1", "", "20", "1", NULL) ||
	    x12w_seg(w, e, "NM1", "PR", "2", upper(txt(req, "payer", "name"), a, sizeof a), "", "", "", "", "PI",
		     txt(req, "payer", "payer_code"), NULL) ||
	    x12w_seg(w, e, "HL", "2", "1", "21", "1", NULL) ||
	    x12w_seg(w, e, "NM1", "1P", "2", upper(txt(req, "provider", "name"), b, sizeof b), "", "", "", "", "XX",
		     txt(req, "provider", "npi"), NULL) ||
	    x12w_seg(w, e, "HL", "3", "2", "22", dependent ? "1" : "0", NULL))
		return -1;
	/* the trace goes with whoever is asked about: the subscriber, or the dependent */
	if (!dependent && x12w_seg(w, e, "TRN", "1", txt(req, "trace", NULL), txt(req, "originator", NULL), NULL))
		return -1;
	if (x12w_seg(w, e, "NM1", "IL", "1", upper(txt(sub, "family_name", NULL), c, sizeof c),
		     upper(txt(sub, "given_name", NULL), d, sizeof d), "", "", "", "MI", txt(sub, "member_id", NULL), NULL) ||
	    (!dependent && *txt(sub, "birth_date", NULL) &&
	     x12w_seg(w, e, "DMG", "D8", d8(txt(sub, "birth_date", NULL), dob), txt(sub, "sex", NULL), NULL)))
		return -1;
	if (dependent &&
	    (x12w_seg(w, e, "HL", "4", "3", "23", "0", NULL) ||
	     x12w_seg(w, e, "TRN", "1", txt(req, "trace", NULL), txt(req, "originator", NULL), NULL) ||
	     x12w_seg(w, e, "NM1", "03", "1", upper(txt(pat, "family_name", NULL), c, sizeof c),
		      upper(txt(pat, "given_name", NULL), d, sizeof d), NULL) ||
	     x12w_seg(w, e, "DMG", "D8", d8(txt(pat, "birth_date", NULL), dob), txt(pat, "sex", NULL), NULL)))
		return -1;
	return x12w_seg(w, e, "DTP", "291", "D8", date, NULL) || x12w_seg(w, e, "EQ", "30", NULL) || x12w_end(w, e) ? -1 : 0;
}

int x276_write(x12_writer *w, json_t *req, const char *control, err *e)
{
	char date[9], dos[9], a[64], b[64], c[64], d[64], total[24];
	json_t *sub = json_object_get(req, "subscriber"), *pat = json_object_get(req, "patient");
	bool dependent = json_is_object(pat);
	d8(txt(req, "date", NULL), date);
	d8(txt(req, "service_date", NULL), dos);
	long long cents = json_integer_value(json_object_get(req, "total_cents"));
	snprintf(total, sizeof total, "%lld.%02lld", cents / 100, cents % 100);
	char range[18];
	snprintf(range, sizeof range, "%s-%s", dos, dos);
	if (x12w_set(w, "276", control, "005010X212", e) ||
	    x12w_seg(w, e, "BHT", "0010", "13", txt(req, "trace", NULL), date, "1200", NULL) ||
	    x12w_seg(w, e, "HL", "1", "", "20", "1", NULL) ||
	    x12w_seg(w, e, "NM1", "PR", "2", upper(txt(req, "payer", "name"), a, sizeof a), "", "", "", "", "PI",
		     txt(req, "payer", "payer_code"), NULL) ||
	    x12w_seg(w, e, "HL", "2", "1", "21", "1", NULL) ||
	    x12w_seg(w, e, "NM1", "41", "2", upper(txt(req, "provider", "name"), b, sizeof b), "", "", "", "", "46",
		     txt(req, "originator", NULL), NULL) ||
	    x12w_seg(w, e, "HL", "3", "2", "19", "1", NULL) ||
	    x12w_seg(w, e, "NM1", "1P", "2", b, "", "", "", "", "XX", txt(req, "provider", "npi"), NULL) ||
	    x12w_seg(w, e, "HL", "4", "3", "22", dependent ? "1" : "0", NULL) ||
	    x12w_seg(w, e, "NM1", "IL", "1", upper(txt(sub, "family_name", NULL), c, sizeof c),
		     upper(txt(sub, "given_name", NULL), d, sizeof d), "", "", "", "MI", txt(sub, "member_id", NULL), NULL))
		return -1;
	if (dependent && (x12w_seg(w, e, "HL", "5", "4", "23", "", NULL) ||
			  x12w_seg(w, e, "NM1", "QC", "1", upper(txt(pat, "family_name", NULL), c, sizeof c),
				   upper(txt(pat, "given_name", NULL), d, sizeof d), NULL)))
		return -1;
	return x12w_seg(w, e, "TRN", "1", txt(req, "trace", NULL), NULL) ||
			       (*txt(req, "payer_claim_number", NULL) &&
				x12w_seg(w, e, "REF", "1K", txt(req, "payer_claim_number", NULL), NULL)) ||
			       x12w_seg(w, e, "AMT", "T3", total, NULL) || x12w_seg(w, e, "DTP", "472", "RD8", range, NULL) ||
			       x12w_end(w, e)
		       ? -1
		       : 0;
}

static json_t *date_of(const char *v)
{
	if (strlen(v) < 8)
		return json_null();
	char d[11];
	snprintf(d, sizeof d, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
	return json_string(d);
}

/* What EB01 says, in words, for the codes payers send for health benefit plans. */
static const char *const eb_kinds[][2] = {
	{"1", "active coverage"}, {"2", "active: full risk capitation"}, {"3", "active: services capitated"},
	{"4", "active: services capitated to the primary care physician"}, {"5", "active: pending investigation"},
	{"6", "inactive"}, {"7", "inactive: pending eligibility update"}, {"8", "inactive: pending investigation"},
	{"A", "coinsurance"}, {"B", "copay"}, {"C", "deductible"}, {"CB", "coverage basis"}, {"D", "benefit description"},
	{"E", "exclusions"}, {"F", "limitations"}, {"G", "out of pocket (stop loss)"}, {"H", "unlimited"},
	{"I", "non-covered"}, {"J", "cost containment"}, {"L", "primary care provider"}, {"MC", "managed care coordinator"},
	{"N", "services restricted to the following provider"}, {"O", "not deemed a medical necessity"},
	{"P", "benefit disclaimer"}, {"R", "other or additional payer"}, {"U", "contact the following entity"},
	{"V", "cannot process"}, {"Y", "spend down"},
};

/* "0.2" -> 2000 basis points; -1 when not a fraction of at most 4 decimals. */
static long long basis_points(const char *v)
{
	long long whole = 0, frac = 0;
	int digits = 0;
	const char *p = v;
	for (; *p >= '0' && *p <= '9'; p++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
			frac = frac * 10 + (*p - '0');
	if (*p || p == v || whole > 1)
		return -1;
	while (digits++ < 4)
		frac *= 10;
	return whole * 10000 + frac;
}

/* How well a benefit speaks for what a physician office collects: in network (EB12 not N)
 * first, then plan-wide (EB03 absent or 30) or office visits (98) over other service types.
 * The summary amounts come from the best benefit of their kind. */
static int generality(const x12_seg *s)
{
	const char *st = x12_el(s, 3), *net = x12_el(s, 12);
	char rep = s->seps.repetition ? s->seps.repetition : '^';
	bool plan = !*st;
	for (const char *p = st; *p && !plan;) {
		size_t n = strcspn(p, (char[]){rep, 0});
		plan = n == 2 && (!strncmp(p, "30", 2) || !strncmp(p, "98", 2));
		p += n + (p[n] == rep);
	}
	return (strcmp(net, "N") ? 2 : 0) + (plan ? 1 : 0);
}

/* An EB segment: into the answer's benefits, and the summary (status; copay, coinsurance
 * and deductible (EB06 29: what remains) of the most general benefit of each kind). */
static int benefit(json_t *ans, const x12_seg *s, err *e)
{
	const char *code = x12_el(s, 1);
	json_t *b = json_pack("{s:s}", "code", code);
	for (size_t i = 0; i < sizeof eb_kinds / sizeof *eb_kinds; i++)
		if (!strcmp(code, eb_kinds[i][0]))
			json_object_set_new(b, "kind", json_string(eb_kinds[i][1]));
	json_t *types = json_array();
	char rep = s->seps.repetition ? s->seps.repetition : '^';
	for (const char *p = x12_el(s, 3); *p;) {
		size_t n = strcspn(p, (char[]){rep, 0});
		if (n)
			json_array_append_new(types, json_stringn(p, n));
		p += n + (p[n] == rep);
	}
	json_object_set_new(b, "service_types", types);
	static const struct {
		int el;
		const char *key;
	} texts[] = {{2, "coverage_level"}, {4, "insurance_type"}, {5, "plan"}, {6, "period"}, {12, "in_network"}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (*x12_el(s, texts[i].el))
			json_object_set_new(b, texts[i].key, json_string(x12_el(s, texts[i].el)));
	long long cents = 0, bp = -1;
	if (*x12_el(s, 7)) {
		if (!x12_cents(x12_el(s, 7), &cents)) {
			json_decref(b);
			return err_set(e, ERR_BAD_REQUEST, "line %ld: EB07: not an amount", s->line);
		}
		json_object_set_new(b, "amount_cents", json_integer(cents));
	}
	if (*x12_el(s, 8)) {
		if ((bp = basis_points(x12_el(s, 8))) < 0) {
			json_decref(b);
			return err_set(e, ERR_BAD_REQUEST, "line %ld: EB08: not a percentage (0 to 1)", s->line);
		}
		json_object_set_new(b, "percent_bp", json_integer(bp));
	}
	json_array_append_new(json_object_get(ans, "benefits"), b);
	if (!strcmp(code, "1")) {
		if (!json_object_get(ans, "status"))
			json_object_set_new(ans, "status", json_string("active"));
	} else if (!strcmp(code, "6") || !strcmp(code, "7") || !strcmp(code, "8"))
		json_object_set_new(ans, "status", json_string("inactive"));
	/* the summary: the best benefit of each kind, the first of equals */
	const char *key = !strcmp(code, "B") && *x12_el(s, 7)	? "copay_cents"
			  : !strcmp(code, "A") && bp >= 0	? "coinsurance_bp"
			  : !strcmp(code, "C") && *x12_el(s, 7) ? (!strcmp(x12_el(s, 6), "29") ? "deductible_remaining_cents" : "deductible_cents")
								: NULL;
	if (key) {
		char rank_key[48];
		snprintf(rank_key, sizeof rank_key, "_rank_%s", key);
		int rank = generality(s);
		json_t *had = json_object_get(ans, rank_key);
		if (!had || json_integer_value(had) < rank) {
			json_object_set_new(ans, key, json_integer(!strcmp(code, "A") ? bp : cents));
			json_object_set_new(ans, rank_key, json_integer(rank));
		}
	}
	return 0;
}

/* Drops the bookkeeping keys ("_rank_...") of an answer. */
static void tidy(json_t *ans)
{
	const char *k;
	json_t *v;
	void *tmp;
	json_object_foreach_safe(ans, tmp, k, v) if (k[0] == '_') json_object_del(ans, k);
}

json_t *x271_read(x12_reader *r, err *e)
{
	json_t *all = json_array(), *ans = NULL;
	x12_seg *s = malloc(sizeof *s);
	int rc = s ? 0 : err_set(e, ERR_INTERNAL, "out of memory");
	bool in271 = false;
	while (!rc && (rc = x12_next(r, s, e)) == 1) {
		rc = 0;
		if (!strcmp(s->id, "ST"))
			in271 = !strcmp(x12_el(s, 1), "271");
		if (!in271)
			continue;
		if (!strcmp(s->id, "HL") && (!strcmp(x12_el(s, 3), "22") || !strcmp(x12_el(s, 3), "23"))) {
			if (!strcmp(x12_el(s, 3), "22") || !ans) { /* a dependent answers under its subscriber's entry */
				ans = json_pack("{s:[]}", "benefits");
				json_array_append_new(all, ans);
			}
		} else if (!ans)
			continue;
		else if (!strcmp(s->id, "TRN") && !strcmp(x12_el(s, 1), "2"))
			json_object_set_new(ans, "trace", json_string(x12_el(s, 2)));
		else if (!strcmp(s->id, "AAA") && !strcmp(x12_el(s, 1), "N")) {
			json_object_set_new(ans, "status", json_string("error"));
			json_object_set_new(ans, "error_code", json_string(x12_el(s, 3)));
		} else if (!strcmp(s->id, "EB"))
			rc = benefit(ans, s, e);
		else if (!strcmp(s->id, "DTP") && (!strcmp(x12_el(s, 1), "346") || !strcmp(x12_el(s, 1), "356")))
			json_object_set_new(ans, "plan_begin", date_of(x12_el(s, 3)));
		else if (!strcmp(s->id, "DTP") && (!strcmp(x12_el(s, 1), "347") || !strcmp(x12_el(s, 1), "357")))
			json_object_set_new(ans, "plan_end", date_of(x12_el(s, 3)));
		else if (!strcmp(s->id, "DTP") && !strcmp(x12_el(s, 1), "291") && !strcmp(x12_el(s, 2), "RD8")) {
			json_object_set_new(ans, "plan_begin", date_of(x12_el(s, 3)));
			json_object_set_new(ans, "plan_end", date_of(x12_el(s, 3) + (strlen(x12_el(s, 3)) > 9 ? 9 : 0)));
		}
	}
	free(s);
	if (rc < 0) {
		json_decref(all);
		return NULL;
	}
	size_t i;
	json_array_foreach(all, i, ans) tidy(ans);
	return all;
}
