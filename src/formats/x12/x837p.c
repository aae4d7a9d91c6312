/* x837p.c: claim documents as an 837P transaction set (see x837p.h). */
#include "formats/x12/x837p.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void x12_amount(long long cents, char out[24])
{
	long long a = cents < 0 ? -cents : cents;
	int n = snprintf(out, 24, "%s%lld.%02lld", cents < 0 ? "-" : "", a / 100, a % 100);
	while (out[n - 1] == '0')
		out[--n] = 0;
	if (out[n - 1] == '.')
		out[--n] = 0;
}

/* Text of doc[k1][k2] (k2 may be NULL), or "". */
static const char *txt(json_t *o, const char *k1, const char *k2)
{
	json_t *v = json_object_get(o, k1);
	if (k2)
		v = json_object_get(v, k2);
	return json_is_string(v) ? json_string_value(v) : "";
}

/* Upper-cased copy into a ring of buffers, so several can be passed to one call. */
static const char *up(const char *s)
{
	static __thread char ring[16][128];
	static __thread int i;
	char *out = ring[i++ % 16];
	size_t n = 0;
	for (; s && s[n] && n < sizeof ring[0] - 1; n++)
		out[n] = (char)toupper((unsigned char)s[n]);
	out[n] = 0;
	return out;
}

/* YYYY-MM-DD as CCYYMMDD. */
static const char *d8(const char *iso)
{
	static __thread char ring[4][9];
	static __thread int i;
	char *out = ring[i++ % 4];
	out[0] = 0;
	if (iso && strlen(iso) == 10)
		snprintf(out, 9, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
	return out;
}

static int address(x12_writer *w, json_t *a, err *e)
{
	if (!*txt(a, "line1", NULL))
		return 0;
	const char *zip = txt(a, "postal_code", NULL);
	char digits[10] = "";
	for (size_t i = 0, n = 0; zip[i] && n < 9; i++)
		if (isdigit((unsigned char)zip[i]))
			digits[n++] = zip[i];
	return x12w_seg(w, e, "N3", up(txt(a, "line1", NULL)), up(txt(a, "line2", NULL)), NULL) ||
	       x12w_seg(w, e, "N4", up(txt(a, "city", NULL)), up(txt(a, "state", NULL)), digits, NULL);
}

static const char *sex(const char *s) { return !strcmp(s, "F") || !strcmp(s, "M") ? s : "U"; }

static int billing_provider(x12_writer *w, json_t *doc, int hl, err *e)
{
	json_t *b = json_object_get(doc, "billing_provider");
	char n[12];
	snprintf(n, sizeof n, "%d", hl);
	bool person = json_is_true(json_object_get(b, "individual"));
	const char *name = txt(b, "name", NULL), *given = "";
	char last[128];
	snprintf(last, sizeof last, "%s", name);
	if (person) { /* "Given Family" as entered on a provider */
		const char *sp = strrchr(name, ' ');
		if (sp) {
			snprintf(last, sizeof last, "%s", sp + 1);
			static __thread char g[128];
			snprintf(g, sizeof g, "%.*s", (int)(sp - name), name);
			given = g;
		}
	}
	return x12w_seg(w, e, "HL", n, "", "20", "1", NULL) ||
	       x12w_seg(w, e, "PRV", "BI", "PXC", txt(b, "taxonomy", NULL), NULL) ||
	       x12w_seg(w, e, "NM1", "85", person ? "1" : "2", up(last), up(given), "", "", "", "XX", txt(b, "npi", NULL), NULL) ||
	       address(w, json_object_get(b, "address"), e) ||
	       x12w_seg(w, e, "REF", "EI", txt(b, "tax_id", NULL), NULL);
}

static const char *const relationship_codes[][2] = {{"self", "18"}, {"spouse", "01"}, {"child", "19"}, {"other", "G8"}};

/* The individual relationship code (SBR02, PAT01) of a coverage relationship. */
static const char *relationship(const char *rel)
{
	for (size_t i = 0; i < sizeof relationship_codes / sizeof *relationship_codes; i++)
		if (!strcmp(rel, relationship_codes[i][0]))
			return relationship_codes[i][1];
	return "G8";
}

static const char *payer_responsibility(json_int_t order) { return order == 3 ? "T" : order == 2 ? "S" : "P"; }

/* CAS segments for adjustments [{group, reason, amount_cents, quantity}]: one per group code
 * in the order they first appear, six reasons to a segment. */
static int cas(x12_writer *w, json_t *adjustments, err *e)
{
	size_t n = json_array_size(adjustments);
	char *done = calloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		const char *group = txt(json_array_get(adjustments, i), "group", NULL);
		const char *el[18] = {0};
		char amounts[6][24], qty[6][24];
		int k = 0;
		for (size_t j = i; j <= n; j++) {
			json_t *a = j < n ? json_array_get(adjustments, j) : NULL;
			bool take = a && !done[j] && !strcmp(group, txt(a, "group", NULL));
			if (take) {
				done[j] = 1;
				x12_amount(json_integer_value(json_object_get(a, "amount_cents")), amounts[k]);
				json_t *q = json_object_get(a, "quantity");
				snprintf(qty[k], sizeof qty[k], "%s", json_is_string(q) ? json_string_value(q) : "");
				el[3 * k] = txt(a, "reason", NULL);
				el[3 * k + 1] = amounts[k];
				el[3 * k + 2] = qty[k];
				k++;
			}
			if (k && (k == 6 || !a)) {
				if (x12w_seg(w, e, "CAS", group, el[0], el[1], el[2], el[3], el[4], el[5], el[6], el[7], el[8], el[9], el[10],
					     el[11], el[12], el[13], el[14], el[15], el[16], el[17], NULL)) {
					free(done);
					return -1;
				}
				memset(el, 0, sizeof el);
				k = 0;
			}
		}
	}
	free(done);
	return 0;
}

/* 2320, 2330A and 2330B: a payer before this one, and what it decided about the claim. */
static int other_payer(x12_writer *w, json_t *o, err *e)
{
	json_t *ins = json_object_get(o, "insured");
	const char *group = txt(ins, "group_number", NULL), *code = txt(o, "payer", "payer_code");
	if (!*code)
		return err_set(e, ERR_UNPROCESSABLE, "the other payer %s has no EDI payer id", txt(o, "payer", "name"));
	char paid[24], owed[24];
	x12_amount(json_integer_value(json_object_get(o, "paid_cents")), paid);
	x12_amount(json_integer_value(json_object_get(o, "patient_cents")), owed);
	bool lines = json_array_size(json_object_get(o, "lines")) > 0;
	return x12w_seg(w, e, "SBR", payer_responsibility(json_integer_value(json_object_get(o, "payer_order"))),
			relationship(txt(ins, "relationship", NULL)), up(group), *group ? "" : up(txt(ins, "plan_name", NULL)), "",
			"", "", "", txt(o, "payer", "filing_indicator"), NULL) ||
	       cas(w, json_object_get(o, "adjustments"), e) || x12w_seg(w, e, "AMT", "D", paid, NULL) ||
	       (json_integer_value(json_object_get(o, "patient_cents")) > 0 && x12w_seg(w, e, "AMT", "EAF", owed, NULL)) ||
	       x12w_seg(w, e, "OI", "", "", json_is_false(json_object_get(ins, "benefits_assigned")) ? "N" : "Y", "", "",
			*txt(ins, "release_of_information", NULL) ? txt(ins, "release_of_information", NULL) : "Y", NULL) ||
	       x12w_seg(w, e, "NM1", "IL", "1", up(txt(ins, "family_name", NULL)), up(txt(ins, "given_name", NULL)), "", "", "",
			"MI", up(txt(ins, "member_id", NULL)), NULL) ||
	       x12w_seg(w, e, "NM1", "PR", "2", up(txt(o, "payer", "name")), "", "", "", "", "PI", up(code), NULL) ||
	       (!lines && x12w_seg(w, e, "DTP", "573", "D8", d8(txt(o, "adjudicated_on", NULL)), NULL)) ||
	       (*txt(o, "payer_claim_number", NULL) &&
		x12w_seg(w, e, "REF", "F8", up(txt(o, "payer_claim_number", NULL)), NULL));
}

/* 2430 for line `line_no`: each earlier payer's decision on it. */
static int line_adjudication(x12_writer *w, json_t *doc, json_int_t line_no, json_int_t units, err *e)
{
	size_t i, k;
	json_t *o, *l;
	json_array_foreach(json_object_get(doc, "other_payers"), i, o) json_array_foreach(json_object_get(o, "lines"), k, l)
	{
		if (json_integer_value(json_object_get(l, "line_no")) != line_no)
			continue;
		char proc[64], paid[24], n[24];
		snprintf(proc, sizeof proc, "HC" X12_COMP "%s", up(txt(l, "code", NULL)));
		size_t m;
		json_t *mod;
		json_array_foreach(json_object_get(l, "modifiers"), m, mod) if (m < 4)
			snprintf(proc + strlen(proc), sizeof proc - strlen(proc), X12_COMP "%s", up(json_string_value(mod)));
		x12_amount(json_integer_value(json_object_get(l, "paid_cents")), paid);
		json_t *u = json_object_get(l, "units"); /* SVC05 as the payer wrote it, else ours */
		if (json_is_string(u) && *json_string_value(u))
			snprintf(n, sizeof n, "%s", json_string_value(u));
		else
			snprintf(n, sizeof n, "%lld", (long long)units);
		if (x12w_seg(w, e, "SVD", up(txt(o, "payer", "payer_code")), paid, proc, "", n, NULL) ||
		    cas(w, json_object_get(l, "adjustments"), e) ||
		    x12w_seg(w, e, "DTP", "573", "D8", d8(txt(o, "adjudicated_on", NULL)), NULL))
			return -1;
	}
	return 0;
}

static int claim(x12_writer *w, json_t *doc, int *hl, int parent, err *e)
{
	json_t *ins = json_object_get(doc, "insured"), *pat = json_object_get(doc, "patient");
	bool self = !strcmp(txt(ins, "relationship", NULL), "self");
	json_int_t order = json_integer_value(json_object_get(doc, "payer_order"));
	/* SBR05: why another payer comes first, when Medicare pays second */
	const char *msp = order > 1 && !strcmp(txt(doc, "payer", "kind"), "medicare") ? txt(ins, "medicare_secondary_type", NULL) : "";
	char sub[12], par[12];
	snprintf(sub, sizeof sub, "%d", ++*hl);
	snprintf(par, sizeof par, "%d", parent);
	const char *group = txt(ins, "group_number", NULL);
	/* 2000B subscriber, 2010BA, 2010BB */
	if (x12w_seg(w, e, "HL", sub, par, "22", self ? "0" : "1", NULL) ||
	    x12w_seg(w, e, "SBR", payer_responsibility(order), self ? "18" : "", up(group),
		     *group ? "" : up(txt(ins, "plan_name", NULL)), msp, "", "", "", txt(doc, "payer", "filing_indicator"), NULL) ||
	    x12w_seg(w, e, "NM1", "IL", "1", up(txt(ins, "family_name", NULL)), up(txt(ins, "given_name", NULL)), "", "", "",
		     "MI", up(txt(ins, "member_id", NULL)), NULL) ||
	    (self && address(w, json_object_get(pat, "address"), e)) ||
	    (self && x12w_seg(w, e, "DMG", "D8", d8(txt(pat, "birth_date", NULL)), sex(txt(pat, "sex", NULL)), NULL)) ||
	    x12w_seg(w, e, "NM1", "PR", "2", up(txt(doc, "payer", "name")), "", "", "", "", "PI",
		     up(txt(doc, "payer", "payer_code")), NULL))
		return -1;
	/* 2000C patient, when not the subscriber */
	if (!self) {
		const char *rel = relationship(txt(ins, "relationship", NULL));
		char pat_hl[12];
		snprintf(pat_hl, sizeof pat_hl, "%d", ++*hl);
		if (x12w_seg(w, e, "HL", pat_hl, sub, "23", "0", NULL) || x12w_seg(w, e, "PAT", rel, NULL) ||
		    x12w_seg(w, e, "NM1", "QC", "1", up(txt(pat, "family_name", NULL)), up(txt(pat, "given_name", NULL)),
			     up(txt(pat, "middle_name", NULL)), NULL) ||
		    address(w, json_object_get(pat, "address"), e) ||
		    x12w_seg(w, e, "DMG", "D8", d8(txt(pat, "birth_date", NULL)), sex(txt(pat, "sex", NULL)), NULL))
			return -1;
	}
	/* 2300 claim */
	char id[24], total[24], clm05[16];
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(doc, "id")));
	x12_amount(json_integer_value(json_object_get(doc, "total_cents")), total);
	const char *freq = txt(doc, "frequency", NULL);
	snprintf(clm05, sizeof clm05, "%s" X12_COMP "B" X12_COMP "%s", txt(doc, "pos_code", NULL), *freq ? freq : "1");
	/* CLM06 provider signature on file; CLM07 assignment accepted (A) or not (C); CLM08
	 * benefits assigned by the insured (Y/N); CLM09 release of information (Y signed, I
	 * informed consent) */
	const char *release = txt(ins, "release_of_information", NULL);
	if (x12w_seg(w, e, "CLM", id, total, "", "", clm05, "Y", json_is_false(json_object_get(json_object_get(doc, "payer"),
												  "accepts_assignment"))
							     ? "C"
							     : "A",
		     json_is_false(json_object_get(ins, "benefits_assigned")) ? "N" : "Y", *release ? release : "Y", NULL) ||
	    (json_is_true(json_object_get(doc, "encounter_data")) && x12w_seg(w, e, "CN1", "05", NULL)) ||
	    (strcmp(freq, "1") && x12w_seg(w, e, "REF", "F8", up(txt(doc, "payer_claim_number", NULL)), NULL)) ||
	    (*txt(doc, "prior_auth", NULL) && x12w_seg(w, e, "REF", "G1", up(txt(doc, "prior_auth", NULL)), NULL)))
		return -1;
	const char *hi[12] = {0};
	char hib[12][16];
	json_t *dx = json_object_get(doc, "diagnoses");
	for (size_t i = 0; i < json_array_size(dx) && i < 12; i++) {
		char code[9] = "";
		const char *s = json_string_value(json_array_get(dx, i));
		for (size_t k = 0, n = 0; s && s[k] && n < 8; k++)
			if (s[k] != '.')
				code[n++] = (char)toupper((unsigned char)s[k]);
		snprintf(hib[i], sizeof hib[i], "%s" X12_COMP "%s", i ? "ABF" : "ABK", code);
		hi[i] = hib[i];
	}
	if (hi[0] && x12w_seg(w, e, "HI", hi[0], hi[1], hi[2], hi[3], hi[4], hi[5], hi[6], hi[7], hi[8], hi[9], hi[10], hi[11],
			      NULL))
		return -1;
	json_t *ref = json_object_get(doc, "referring"), *rend = json_object_get(doc, "rendering_provider"),
	       *fac = json_object_get(doc, "facility");
	if (*txt(ref, "npi", NULL)) {
		char fam[128] = "", giv[128] = ""; /* entered as "Family, Given" */
		const char *name = txt(ref, "name", NULL), *comma = strchr(name, ',');
		snprintf(fam, sizeof fam, "%.*s", comma ? (int)(comma - name) : (int)strlen(name), name);
		if (comma)
			snprintf(giv, sizeof giv, "%s", comma + 1 + (comma[1] == ' '));
		if (x12w_seg(w, e, "NM1", "DN", "1", up(fam), up(giv), "", "", "", "XX", txt(ref, "npi", NULL), NULL))
			return -1;
	}
	if (strcmp(txt(rend, "npi", NULL), txt(doc, "billing_provider", "npi")) &&
	    (x12w_seg(w, e, "NM1", "82", "1", up(txt(rend, "family_name", NULL)), up(txt(rend, "given_name", NULL)), "", "", "",
		      "XX", txt(rend, "npi", NULL), NULL) ||
	     (*txt(rend, "taxonomy", NULL) && x12w_seg(w, e, "PRV", "PE", "PXC", txt(rend, "taxonomy", NULL), NULL))))
		return -1;
	if (*txt(fac, "address", "line1") &&
	    (x12w_seg(w, e, "NM1", "77", "2", up(txt(fac, "name", NULL)), NULL) || address(w, json_object_get(fac, "address"), e)))
		return -1;
	/* 2320/2330: the payers before this one, for a secondary or tertiary claim */
	json_t *o;
	size_t op;
	json_array_foreach(json_object_get(doc, "other_payers"), op, o) if (other_payer(w, o, e)) return -1;
	/* 2400 lines */
	json_t *lines = json_object_get(doc, "lines"), *l;
	size_t i;
	json_array_foreach(lines, i, l) {
		char lx[8], proc[64], charge[24], units[24], ptr[24] = "";
		snprintf(lx, sizeof lx, "%zu", i + 1);
		snprintf(proc, sizeof proc, "HC" X12_COMP "%s", up(txt(l, "code", NULL)));
		json_t *mods = json_object_get(l, "modifiers"), *m;
		size_t k;
		json_array_foreach(mods, k, m) if (k < 4) snprintf(proc + strlen(proc), sizeof proc - strlen(proc), X12_COMP "%s",
								up(json_string_value(m)));
		json_array_foreach(json_object_get(l, "pointers"), k, m) if (k < 4)
			snprintf(ptr + strlen(ptr), sizeof ptr - strlen(ptr), "%s%lld", k ? X12_COMP : "", (long long)json_integer_value(m));
		x12_amount(json_integer_value(json_object_get(l, "charge_cents")), charge);
		snprintf(units, sizeof units, "%lld", (long long)json_integer_value(json_object_get(l, "units")));
		if (x12w_seg(w, e, "LX", lx, NULL) || x12w_seg(w, e, "SV1", proc, charge, "UN", units, "", "", ptr, NULL) ||
		    x12w_seg(w, e, "DTP", "472", "D8", d8(txt(doc, "service_date", NULL)), NULL) ||
		    line_adjudication(w, doc, json_integer_value(json_object_get(l, "line_no")),
				      json_integer_value(json_object_get(l, "units")), e))
			return -1;
	}
	return 0;
}

int x837p_write(x12_writer *w, const x837_parties *p, json_t *docs, const char *control, err *e)
{
	char date[9], hm[5];
	time_t t = (time_t)p->when;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%Y%m%d", &tm);
	strftime(hm, sizeof hm, "%H%M", &tm);
	bool reporting = json_array_size(docs) > 0;
	size_t di;
	json_t *dv;
	json_array_foreach(docs, di, dv) reporting = reporting && json_is_true(json_object_get(dv, "encounter_data"));
	if (x12w_set(w, "837", control, "005010X222A1", e) ||
	    x12w_seg(w, e, "BHT", "0019", "00", p->batch_ref, date, hm, reporting ? "RP" : "CH", NULL) ||
	    x12w_seg(w, e, "NM1", "41", "2", up(p->submitter_name), "", "", "", "", "46", p->submitter_id, NULL) ||
	    x12w_seg(w, e, "PER", "IC", up(p->contact_name), "TE", p->contact_phone, NULL) ||
	    x12w_seg(w, e, "NM1", "40", "2", up(p->receiver_name), "", "", "", "", "46", p->receiver_id, NULL))
		return -1;
	/* one 2000A per billing provider (by NPI), in the order they first appear */
	int hl = 0;
	size_t n = json_array_size(docs);
	char *done = calloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		json_t *d = json_array_get(docs, i);
		const char *npi = txt(d, "billing_provider", "npi");
		int parent = ++hl;
		if (billing_provider(w, d, parent, e)) {
			free(done);
			return -1;
		}
		for (size_t k = i; k < n; k++) {
			json_t *c = json_array_get(docs, k);
			if (done[k] || strcmp(npi, txt(c, "billing_provider", "npi")))
				continue;
			done[k] = 1;
			if (claim(w, c, &hl, parent, e)) {
				char msg[sizeof e->msg];
				snprintf(msg, sizeof msg, "claim %lld: %s", (long long)json_integer_value(json_object_get(c, "id")), e->msg);
				err_set(e, e->code, "%s", msg);
				free(done);
				return -1;
			}
		}
	}
	free(done);
	return x12w_end(w, e);
}
