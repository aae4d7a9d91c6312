/* scrub.c: the named claim edits (see scrub.h). */
#include "base/timeutil.h"
#include "billing/scrub.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "billing/codes_fmt.h"
#include "registry/registry.h"

const edit_def edit_defs[] = {
	{"REQ-MEMBER-ID", SEV_ERROR, "the coverage has the subscriber's member id"},
	{"REQ-PATIENT-ADDRESS", SEV_ERROR, "the patient's address is complete (street, city, state, ZIP)"},
	{"REQ-PAYER-ID", SEV_ERROR, "an electronic payer has its EDI payer id"},
	{"REQ-BILLING-NPI", SEV_ERROR, "the billing provider has an NPI"},
	{"REQ-TAX-ID", SEV_ERROR, "the billing provider has a tax id (EIN)"},
	{"REQ-TAXONOMY", SEV_ERROR, "the billing provider has a NUCC taxonomy code"},
	{"REQ-RENDERING-NPI", SEV_ERROR, "the rendering provider has an NPI"},
	{"REQ-DX", SEV_ERROR, "the claim has at least one diagnosis"},
	{"REQ-LINES", SEV_ERROR, "the claim has at least one service line"},
	{"REQ-POINTER", SEV_ERROR, "every line points to at least one diagnosis"},
	{"REQ-PAYER-CLAIM-NUMBER", SEV_ERROR, "a corrected or void claim carries the payer's claim number"},
	{"NPI-CHECK", SEV_ERROR, "NPIs are 10 digits with a valid check digit"},
	{"ICD-FORMAT", SEV_ERROR, "diagnoses have the shape of ICD-10-CM codes"},
	{"ICD-UNKNOWN", SEV_ERROR, "diagnoses are in the ICD-10-CM release in force on the date of service"},
	{"ICD-HEADER", SEV_ERROR, "diagnoses are billable codes, not category headers"},
	{"ICD-SET-MISSING", SEV_WARNING, "no ICD-10-CM release covers the date of service: codes checked by shape only"},
	{"HCPCS-FORMAT", SEV_ERROR, "procedure codes are 5-character CPT or HCPCS codes"},
	{"HCPCS-UNKNOWN", SEV_ERROR, "HCPCS Level II codes are in the release in force"},
	{"HCPCS-INACTIVE", SEV_ERROR, "HCPCS codes were added before and not terminated by the date of service"},
	{"HCPCS-NONCOVERED", SEV_WARNING, "Medicare does not pay this HCPCS code (coverage I, M or S)"},
	{"HCPCS-SET-MISSING", SEV_WARNING, "no HCPCS release covers the date of service: codes checked by shape only"},
	{"MOD-FORMAT", SEV_ERROR, "modifiers are two letters or digits"},
	{"PTR-RANGE", SEV_ERROR, "diagnosis pointers point to a diagnosis of the claim"},
	{"NCCI-PTP", SEV_ERROR, "no NCCI procedure-to-procedure pair is billed without an allowed bypass"},
	{"NCCI-PTP-BYPASS", SEV_WARNING, "an NCCI pair is billed with a bypass modifier: the record must support it"},
	{"NCCI-SET-MISSING", SEV_WARNING, "no NCCI PTP release covers the date of service"},
	{"MUE-UNITS", SEV_ERROR, "units stay within the medically unlikely edit for the code"},
	{"MUE-SET-MISSING", SEV_WARNING, "no MUE release covers the date of service"},
	{"DUP-CLAIM", SEV_ERROR, "the same services are not billed twice to the payer"},
	{"TIMELY-FILING", SEV_ERROR, "the claim is inside the payer's timely-filing limit"},
	{"TIMELY-FILING-SOON", SEV_WARNING, "the timely-filing limit ends within 30 days"},
	{"COVERAGE-DATES", SEV_ERROR, "the coverage is in force on the date of service"},
	{"COVERAGE-INACTIVE", SEV_ERROR, "the coverage is active and eligibility was not found inactive"},
	{"ELIGIBILITY-UNCHECKED", SEV_WARNING, "eligibility has been checked"},
	{"COB-PRIMARY-OPEN", SEV_ERROR, "a secondary claim waits for the primary payer's adjudication"},
	{"MSP-TYPE-MISSING", SEV_ERROR, "a claim to Medicare as a later payer says why Medicare is not primary (SBR05)"},
	{"GLOBAL-PERIOD", SEV_ERROR, "a visit inside a procedure's global period is billed as its follow-up or marked unrelated"},
};
const int edit_ndefs = sizeof edit_defs / sizeof *edit_defs;

static void add(edit_list *out, const char *id, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(edit_list *out, const char *id, const char *field, const char *fmt, ...)
{
	if (out->n == (int)(sizeof out->items / sizeof *out->items))
		return;
	severity sev = SEV_ERROR;
	const char *canon = id;
	for (int i = 0; i < edit_ndefs; i++)
		if (!strcmp(edit_defs[i].id, id)) {
			sev = edit_defs[i].sev;
			canon = edit_defs[i].id;
		}
	edit *ed = &out->items[out->n++];
	ed->id = canon;
	ed->sev = sev;
	snprintf(ed->field, sizeof ed->field, "%s", field);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ed->message, sizeof ed->message, fmt, ap);
	va_end(ap);
	if (sev == SEV_ERROR)
		out->errors++;
	else
		out->warnings++;
}

bool ptp_bypass_modifier(const char *m)
{
	static const char *const mods[] = {"59", "XE", "XS", "XP", "XU", "24", "25", "57", "58", "78", "79", "27", "91",
					   "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8",
					   "F9", "TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "LT", "RT",
					   "LC", "LD", "RC", "LM", "RI", NULL};
	for (const char *const *p = mods; *p; p++)
		if (!strcmp(m, *p))
			return true;
	return false;
}

static const char *line_bypass(const bill_line *l)
{
	for (int i = 0; i < l->nmods; i++)
		if (ptp_bypass_modifier(l->mods[i]))
			return l->mods[i];
	return NULL;
}

static void edits_required(const bill_claim *c, edit_list *out)
{
	if (!*c->member_id)
		add(out, "REQ-MEMBER-ID", "coverage.member_id", "the coverage has no member id");
	if (!c->patient_address)
		add(out, "REQ-PATIENT-ADDRESS", "patient.address", "the patient's address lacks its street, city, state or ZIP");
	if (!*c->payer_code && !c->takes_paper)
		add(out, "REQ-PAYER-ID", "payer.payer_code", "the payer has no EDI payer id and does not take paper claims");
	if (!*c->billing_npi)
		add(out, "REQ-BILLING-NPI", "billing_provider.npi", "the billing provider has no NPI");
	else if (!npi_valid(c->billing_npi))
		add(out, "NPI-CHECK", "billing_provider.npi", "the billing provider's NPI fails its check digit");
	if (!*c->billing_tax_id)
		add(out, "REQ-TAX-ID", "billing_provider.tax_id", "the billing provider has no tax id");
	if (!*c->billing_taxonomy)
		add(out, "REQ-TAXONOMY", "billing_provider.taxonomy", "the billing provider has no taxonomy code");
	if (!*c->rendering_npi)
		add(out, "REQ-RENDERING-NPI", "rendering_provider.npi", "the rendering provider has no NPI");
	else if (!npi_valid(c->rendering_npi))
		add(out, "NPI-CHECK", "rendering_provider.npi", "the rendering provider's NPI fails its check digit");
	if (*c->referring_npi && !npi_valid(c->referring_npi))
		add(out, "NPI-CHECK", "referring.npi", "the referring provider's NPI fails its check digit");
	if (c->frequency != '1' && !*c->payer_claim_number)
		add(out, "REQ-PAYER-CLAIM-NUMBER", "payer_claim_number",
		    "a %s claim needs the payer's claim number of the claim it replaces",
		    c->frequency == '8' ? "void" : "corrected");
	if (c->ndx == 0)
		add(out, "REQ-DX", "diagnoses", "the claim has no diagnosis");
	if (c->nlines == 0)
		add(out, "REQ-LINES", "lines", "the claim has no service line");
}

static int edits_dx(const bill_claim *c, code_sets *cs, edit_list *out, err *e)
{
	if (!cs->v[SET_ICD] && c->ndx)
		add(out, "ICD-SET-MISSING", "diagnoses", "no ICD-10-CM release is loaded for %s", c->dos);
	for (int i = 0; i < c->ndx; i++) {
		char f[24], code[8], disp[9];
		snprintf(f, sizeof f, "diagnoses[%d]", i);
		if (!icd_normalise(c->dx[i], code)) {
			add(out, "ICD-FORMAT", f, "diagnosis %d is not shaped like an ICD-10-CM code", i + 1);
			continue;
		}
		if (!cs->v[SET_ICD])
			continue;
		icd_display(code, disp);
		bool billable;
		int rc = sets_icd(cs, code, &billable, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			add(out, "ICD-UNKNOWN", f, "%s is not in the ICD-10-CM release in force on %s", disp, c->dos);
		else if (!billable)
			add(out, "ICD-HEADER", f, "%s is a category header: code to the highest specificity", disp);
	}
	return 0;
}

static int edits_codes(const bill_claim *c, code_sets *cs, edit_list *out, err *e)
{
	bool level2 = false;
	for (int i = 0; i < c->nlines; i++) {
		const bill_line *l = &c->lines[i];
		char f[40];
		snprintf(f, sizeof f, "lines[%d].code", i);
		if (!proc_code_valid(l->code)) {
			add(out, "HCPCS-FORMAT", f, "line %d: %s is not a 5-character CPT or HCPCS code", i + 1, l->code);
			continue;
		}
		for (int m = 0; m < l->nmods; m++)
			if (!modifier_valid(l->mods[m])) {
				snprintf(f, sizeof f, "lines[%d].modifiers[%d]", i, m);
				add(out, "MOD-FORMAT", f, "line %d: modifier %d is not two letters or digits", i + 1, m + 1);
			}
		snprintf(f, sizeof f, "lines[%d].pointers", i);
		if (l->nptrs == 0)
			add(out, "REQ-POINTER", f, "line %d points to no diagnosis", i + 1);
		for (int p = 0; p < l->nptrs; p++)
			if (c->ndx && (l->ptrs[p] < 1 || l->ptrs[p] > c->ndx))
				add(out, "PTR-RANGE", f, "line %d points to diagnosis %d, but the claim has %d", i + 1,
				    l->ptrs[p], c->ndx);
		snprintf(f, sizeof f, "lines[%d].code", i);
		/* Level II codes start with a letter; CPT codes are not in the HCPCS file */
		if (l->code[0] < 'A' || l->code[0] > 'Z')
			continue;
		level2 = true;
		if (!cs->v[SET_HCPCS])
			continue;
		hcpcs_info h;
		int rc = sets_hcpcs(cs, l->code, &h, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			add(out, "HCPCS-UNKNOWN", f, "line %d: %s is not in the HCPCS release in force on %s", i + 1, l->code, c->dos);
		else if ((*h.added && strcmp(h.added, c->dos) > 0) || (*h.terminated && strcmp(h.terminated, c->dos) < 0))
			add(out, "HCPCS-INACTIVE", f, "line %d: %s is not valid on %s (added %s, terminated %s)", i + 1,
			    l->code, c->dos, *h.added ? h.added : "-", *h.terminated ? h.terminated : "-");
		else if (c->medicare && *h.coverage && strchr("IMS", h.coverage[0]))
			add(out, "HCPCS-NONCOVERED", f, "line %d: Medicare does not pay %s (coverage code %s)", i + 1, l->code,
			    h.coverage);
	}
	if (level2 && !cs->v[SET_HCPCS])
		add(out, "HCPCS-SET-MISSING", "lines", "no HCPCS release is loaded for %s", c->dos);
	return 0;
}

/* An evaluation and management visit (992xx-994xx), which a global period may include. */
static bool is_em(const char *code) { return code[0] == '9' && code[1] == '9' && code[2] >= '2' && code[2] <= '4'; }

static bool has_mod(const bill_line *l, const char *m)
{
	for (int i = 0; i < l->nmods; i++)
		if (!strcmp(l->mods[i], m))
			return true;
	return false;
}

/* Global surgical periods (PFS GLOB DAYS): an E/M visit by the surgeon from the day before a
 * major procedure (090) to 90 days after it, or from the day of a minor one (000, 010) to 0 or
 * 10 days after, is part of the surgery: billed as 99024 at no charge, unless marked
 * unrelated (24), significant and separate on the day of a minor procedure (25), or the
 * decision for surgery (57). The procedures are this claim's own and the patient's other
 * visits with the same rendering provider. */
static int edits_global(const bill_claim *c, code_sets *cs, edit_list *out, err *e)
{
	int64_t dos;
	day_parse(c->dos, &dos);
	struct {
		const char *code, *date;
	} procs[16 + BILL_MAX_LINES];
	int n = 0;
	for (int i = 0; i < c->nprior; i++)
		procs[n].code = c->prior[i].code, procs[n++].date = c->prior[i].dos;
	for (int i = 0; i < c->nlines; i++)
		if (!is_em(c->lines[i].code))
			procs[n].code = c->lines[i].code, procs[n++].date = c->dos;
	for (int k = 0; k < n; k++) {
		rvu_info r = {{0}};
		int rc = sets_rvu(cs, procs[k].code, "", &r, e);
		if (rc == DB_ERR)
			return -1;
		int days = !strcmp(r.global, "090") ? 90 : !strcmp(r.global, "010") ? 10 : !strcmp(r.global, "000") ? 0 : -1;
		if (rc != DB_ROW || days < 0)
			continue;
		int64_t at;
		day_parse(procs[k].date, &at);
		if (dos < at - (days == 90 ? 1 : 0) || dos > at + days)
			continue;
		for (int i = 0; i < c->nlines; i++) {
			const bill_line *l = &c->lines[i];
			if (!is_em(l->code) || has_mod(l, "24") || has_mod(l, "25") || has_mod(l, "57"))
				continue;
			char field[40];
			snprintf(field, sizeof field, "lines[%d].modifiers", i);
			add(out, "GLOBAL-PERIOD", field,
			    "%s falls in the %d-day global period of %s (%s): bill it as 99024 at no charge, or mark it unrelated (24), "
			    "separate on the day of a minor procedure (25) or the decision for surgery (57)",
			    l->code, days, procs[k].code, procs[k].date);
		}
		return 0; /* one procedure's period says it */
	}
	return 0;
}

static int edits_ncci(const bill_claim *c, code_sets *cs, edit_list *out, err *e)
{
	if (c->nlines > 1 && !cs->v[SET_PTP])
		add(out, "NCCI-SET-MISSING", "lines", "no NCCI PTP release is loaded for %s", c->dos);
	if (!cs->v[SET_PTP])
		goto mue;
	for (int i = 0; i < c->nlines; i++)
		for (int j = 0; j < c->nlines; j++) {
			const bill_line *a = &c->lines[i], *b = &c->lines[j];
			if (i == j || !strcmp(a->code, b->code))
				continue;
			int ind;
			int rc = sets_ptp(cs, a->code, b->code, &ind, e);
			if (rc < 0)
				return -1;
			if (rc == 0)
				continue;
			char f[40];
			snprintf(f, sizeof f, "lines[%d].modifiers", j);
			const char *by = line_bypass(b) ? line_bypass(b) : line_bypass(a);
			if (ind == 0)
				add(out, "NCCI-PTP", f,
				    "line %d: %s is a component of %s (line %d); no modifier allows both (indicator 0)", j + 1,
				    b->code, a->code, i + 1);
			else if (ind == 1 && !by)
				add(out, "NCCI-PTP", f,
				    "line %d: %s is bundled into %s (line %d); bill it only as a distinct service with 59, XE, "
				    "XS, XP or XU",
				    j + 1, b->code, a->code, i + 1);
			else if (ind == 1)
				add(out, "NCCI-PTP-BYPASS", f, "line %d: %s with %s (line %d) is billed with modifier %s", j + 1,
				    b->code, a->code, i + 1, by);
		}
mue:
	if (c->nlines && !cs->v[SET_MUE])
		add(out, "MUE-SET-MISSING", "lines", "no MUE release is loaded for %s", c->dos);
	if (!cs->v[SET_MUE])
		return 0;
	for (int i = 0; i < c->nlines; i++) {
		const bill_line *l = &c->lines[i];
		bool first = true; /* date-of-service edits are checked once per code, on its first line */
		for (int k = 0; k < i; k++)
			first = first && strcmp(c->lines[k].code, l->code);
		int64_t max, day = 0;
		int mai, rc = sets_mue(cs, l->code, &max, &mai, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;
		char f[40];
		snprintf(f, sizeof f, "lines[%d].units", i);
		if (mai == 1 && l->units > max)
			add(out, "MUE-UNITS", f, "line %d: %lld units of %s exceed its MUE of %lld per line", i + 1,
			    (long long)l->units, l->code, (long long)max);
		if (mai == 1 || !first)
			continue;
		for (int k = i; k < c->nlines; k++)
			if (!strcmp(c->lines[k].code, l->code))
				day += c->lines[k].units;
		if (day > max)
			add(out, "MUE-UNITS", f, "%lld units of %s on %s exceed its MUE of %lld per day (%s)", (long long)day,
			    l->code, c->dos, (long long)max, mai == 2 ? "policy: no appeal" : "clinical");
	}
	return 0;
}

static void edits_payer(const bill_claim *c, edit_list *out)
{
	if (c->duplicate_of)
		add(out, "DUP-CLAIM", "lines", "claim %lld already bills these services to this payer for %s",
		    (long long)c->duplicate_of, c->dos);
	int64_t dos, today;
	if (day_parse(c->dos, &dos) && day_parse(c->today, &today) && c->frequency == '1') {
		int64_t left = dos + c->timely_days - today;
		char last[11];
		day_format(dos + c->timely_days, last);
		if (left < 0)
			add(out, "TIMELY-FILING", "service_date", "the payer's %lld-day filing limit ended on %s",
			    (long long)c->timely_days, last);
		else if (left <= 30)
			add(out, "TIMELY-FILING-SOON", "service_date", "the payer's filing limit ends on %s", last);
	}
	if (strcmp(c->cov_from, c->dos) > 0 || (*c->cov_to && strcmp(c->cov_to, c->dos) < 0))
		add(out, "COVERAGE-DATES", "coverage", "the coverage runs %s to %s, not on %s", c->cov_from,
		    *c->cov_to ? c->cov_to : "open", c->dos);
	if (!c->cov_active || !strcmp(c->eligibility, "inactive"))
		add(out, "COVERAGE-INACTIVE", "coverage.eligibility", "the coverage is %s",
		    !c->cov_active ? "no longer active" : "found inactive by the last eligibility check");
	else if (!strcmp(c->eligibility, "unknown"))
		add(out, "ELIGIBILITY-UNCHECKED", "coverage.eligibility", "eligibility has not been checked");
	if (c->primary_open)
		add(out, "COB-PRIMARY-OPEN", "payer_order",
		    "payer %d of the patient's coverage: submit after the primary payer has adjudicated", c->payer_order);
	if (c->medicare && c->payer_order > 1 && !*c->msp_type)
		add(out, "MSP-TYPE-MISSING", "coverage.medicare_secondary_type",
		    "Medicare pays after another payer here: the coverage needs its Medicare secondary payer type");
}

int scrub(const bill_claim *c, code_sets *cs, edit_list *out, err *e)
{
	edits_required(c, out);
	if (edits_dx(c, cs, out, e) || edits_codes(c, cs, out, e) || edits_ncci(c, cs, out, e) || edits_global(c, cs, out, e))
		return -1;
	edits_payer(c, out);
	return 0;
}
