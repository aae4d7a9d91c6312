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

/* An EB segment's contribution to the answer. EB01: 1 active, 6/7/8 inactive, B copay,
 * C deductible (EB06 29 remaining, else the period's amount). */
static int benefit(json_t *ans, const x12_seg *s, err *e)
{
	const char *code = x12_el(s, 1);
	long long cents;
	if (!strcmp(code, "1")) {
		if (!json_object_get(ans, "status"))
			json_object_set_new(ans, "status", json_string("active"));
	} else if (!strcmp(code, "6") || !strcmp(code, "7") || !strcmp(code, "8"))
		json_object_set_new(ans, "status", json_string("inactive"));
	else if ((!strcmp(code, "B") || !strcmp(code, "C")) && *x12_el(s, 7)) {
		if (!x12_cents(x12_el(s, 7), &cents))
			return err_set(e, ERR_BAD_REQUEST, "line %ld: EB07: not an amount", s->line);
		const char *key = !strcmp(code, "B") ? "copay_cents" : !strcmp(x12_el(s, 6), "29") ? "deductible_remaining_cents" : "deductible_cents";
		if (!json_object_get(ans, key)) /* the first, most general one (plan level, in network) */
			json_object_set_new(ans, key, json_integer(cents));
	}
	return 0;
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
				ans = json_object();
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
	return all;
}
