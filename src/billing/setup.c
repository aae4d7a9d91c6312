/* setup.c: what billing is configured with: payers, the patients' coverage, the charge
 * master, payer contracts and their rates, and the practice's billing profile. */
#include <stdio.h>
#include <string.h>

#include "access/resource.h"
#include "base/timeutil.h"
#include "billing/billing.h"
#include "billing/codes_fmt.h"
#include "registry/registry.h"

#define META                                                                                       \
	{"version", "version", F_INT, F_READONLY}, {"created_at", "created_at", F_TEXT, F_READONLY}, \
		{"updated_at", "updated_at", F_TEXT, F_READONLY}
#define ADDRESS                                                                                    \
	{"address.line1", "addr_line1", F_TEXT, 0}, {"address.line2", "addr_line2", F_TEXT, 0},      \
		{"address.city", "addr_city", F_TEXT, 0, 100}, {"address.state", "addr_state", F_TEXT, 0, 2}, \
		{"address.postal_code", "addr_postal_code", F_TEXT, 0, 10}

static int date_order(json_t *vals, const char *from, const char *to, err *e)
{
	const char *a = json_string_value(json_object_get(vals, from));
	const char *b = json_string_value(json_object_get(vals, to));
	if (a && b && strcmp(a, b) > 0)
		return err_field(e, to, "must not be before %s", from);
	return 0;
}

/* --- payers --- */

const char *const payer_kinds[] = {"commercial", "medicare", "medicaid", "tricare", "workers_comp", "auto", "self_pay", NULL};
/* X12 5010 claim filing indicator codes (SBR09) */
static const char *const filing_codes[] = {"09", "11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS",
					   "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ", NULL};
static const field payer_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"name", "name", F_TEXT, F_REQUIRED, 100},
	{"payer_code", "payer_code", F_TEXT, 0, 80},
	{"kind", "kind", F_ENUM, F_REQUIRED, 0, payer_kinds},
	{"filing_indicator", "filing_indicator", F_ENUM, F_REQUIRED, 0, filing_codes},
	{"timely_filing_days", "timely_filing_days", F_INT, 0},
	{"takes_paper", "takes_paper", F_BOOL, 0},
	{"accepts_assignment", "accepts_assignment", F_BOOL, 0},
	ADDRESS,
	{"address.country", "addr_country", F_TEXT, 0, 3},
	{"phone", "phone", F_TEXT, 0, 30},
	{"active", "active", F_BOOL, 0},
	META,
};
static const table payer_table = {"payer", payer_fields, sizeof payer_fields / sizeof *payer_fields};

static int check_payer(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)x, (void)in;
	json_t *d = json_object_get(vals, "timely_filing_days");
	if (json_is_null(d))
		json_object_set_new(vals, "timely_filing_days", json_integer(365));
	else if (json_integer_value(d) < 1 || json_integer_value(d) > 3650)
		return err_field(e, "timely_filing_days", "must be between 1 and 3650 days");
	const char *code = json_string_value(json_object_get(vals, "payer_code"));
	if (code && !x12_safe(code))
		return err_field(e, "payer_code", "may hold only letters, digits, spaces and - . /");
	return address_validate(vals, e);
}

static const resource payer_res = {&payer_table, "payer", "{\"active\": true, \"takes_paper\": false, \"accepts_assignment\": true}", NULL,
				   check_payer, NULL, NULL, "name", "a payer of this name exists"};

/* --- coverage --- */

static const char *const relationships[] = {"self", "spouse", "child", "other", NULL};
static const char *const eligibilities[] = {"unknown", "active", "inactive", NULL};
static const char *const sexes[] = {"F", "M", "U", NULL};
static const char *const releases[] = {"Y", "I", NULL};
/* SBR05 when Medicare is a secondary payer: why another payer is primary */
static const char *const msp_types[] = {"12", "13", "14", "15", "16", "41", "42", "43", "47", NULL};
static const field coverage_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"patient_id", "patient_id", F_INT, F_REQUIRED},
	{"payer_id", "payer_id", F_INT, F_REQUIRED},
	{"priority", "priority", F_INT, F_REQUIRED},
	{"relationship", "relationship", F_ENUM, F_REQUIRED, 0, relationships},
	{"subscriber.family_name", "subscriber_family_name", F_TEXT, 0, 60},
	{"subscriber.given_name", "subscriber_given_name", F_TEXT, 0, 35},
	{"subscriber.birth_date", "subscriber_birth_date", F_DATE, 0},
	{"subscriber.sex", "subscriber_sex", F_ENUM, 0, 0, sexes},
	{"member_id", "member_id", F_TEXT, F_REQUIRED, 80},
	{"group_number", "group_number", F_TEXT, 0, 50},
	{"plan_name", "plan_name", F_TEXT, 0, 60},
	{"effective_from", "effective_from", F_DATE, F_REQUIRED},
	{"effective_to", "effective_to", F_DATE, 0},
	{"copay_cents", "copay_cents", F_INT, 0},
	{"deductible_cents", "deductible_cents", F_INT, 0},
	{"deductible_met_cents", "deductible_met_cents", F_INT, 0},
	{"coinsurance_bp", "coinsurance_bp", F_INT, 0},
	{"eligibility", "eligibility", F_ENUM, 0, 0, eligibilities},
	{"eligibility_checked_at", "eligibility_checked_at", F_TEXT, 0, 40},
	{"benefits_assigned", "benefits_assigned", F_BOOL, 0},
	{"release_of_information", "release_code", F_ENUM, 0, 0, releases},
	{"medicare_secondary_type", "msp_type", F_ENUM, 0, 0, msp_types},
	{"active", "active", F_BOOL, 0},
	META,
};
static const table coverage_table = {"coverage", coverage_fields, sizeof coverage_fields / sizeof *coverage_fields};

static int check_coverage(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)in;
	if (res_ref(x, "patient", json_integer_value(json_object_get(vals, "patient_id")), "patient_id", e) ||
	    res_ref(x, "payer", json_integer_value(json_object_get(vals, "payer_id")), "payer_id", e))
		return -1;
	json_int_t prio = json_integer_value(json_object_get(vals, "priority"));
	if (prio < 1 || prio > 3)
		err_field(e, "priority", "must be 1 (primary), 2 (secondary) or 3 (tertiary)");
	const char *rel = json_string_value(json_object_get(vals, "relationship"));
	if (rel && strcmp(rel, "self"))
		for (const char *const *k = (const char *const[]){"subscriber.family_name", "subscriber.given_name",
								   "subscriber.birth_date", NULL};
		     *k; k++) {
			char col[40];
			snprintf(col, sizeof col, "subscriber_%s", *k + 11);
			if (json_is_null(json_object_get(vals, col)))
				err_field(e, *k, "is required when the patient is not the subscriber");
		}
	static const char *const money[] = {"copay_cents", "deductible_cents", "deductible_met_cents", NULL};
	for (const char *const *m = money; *m; m++)
		if (json_integer_value(json_object_get(vals, *m)) < 0)
			err_field(e, *m, "must not be negative");
	json_int_t coins = json_integer_value(json_object_get(vals, "coinsurance_bp"));
	if (coins < 0 || coins > 10000)
		err_field(e, "coinsurance_bp", "must be between 0 and 10000 (100%%)");
	const char *member = json_string_value(json_object_get(vals, "member_id"));
	if (member && !x12_safe(member))
		err_field(e, "member_id", "may hold only letters, digits, spaces and - . /");
	const char *checked = json_string_value(json_object_get(vals, "eligibility_checked_at"));
	time_t t;
	if (checked && ts_parse(checked, &t))
		err_field(e, "eligibility_checked_at", "must be an RFC 3339 instant");
	if (json_is_null(json_object_get(vals, "eligibility")))
		json_object_set_new(vals, "eligibility", json_string("unknown"));
	if (err_has_fields(e))
		return -1;
	return date_order(vals, "effective_from", "effective_to", e);
}

/* Coverage answers carry the payer's name (the desk reads "Aetna", not payer 12) and the
 * benefits the last 271 listed (x27x.h), or []. */
static int coverage_decorate(ctx *x, json_t *o, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT y.name, y.kind, c.eligibility_benefits FROM coverage c JOIN payer y ON y.id = c.payer_id "
				 "WHERE c.id = $1",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, json_integer_value(json_object_get(o, "id")));
	int rc = db_step(st, e);
	json_t *benefits = NULL;
	if (rc == DB_ROW) {
		json_object_set_new(o, "payer_name", json_string(db_col_text(st, 0)));
		json_object_set_new(o, "payer_kind", json_string(db_col_text(st, 1)));
		benefits = db_col_null(st, 2) ? NULL : json_loads(db_col_text(st, 2), 0, NULL);
	}
	db_done(st);
	if (!json_is_array(benefits)) {
		json_decref(benefits);
		benefits = json_array();
	}
	json_object_set_new(o, "eligibility_benefits", benefits);
	return rc == DB_ERR ? -1 : 0;
}

static const char *const coverage_allow[] = {"payer_name", "payer_kind", "eligibility_benefits", NULL};
static const resource coverage_res = {&coverage_table, "coverage",
				      "{\"active\": true, \"benefits_assigned\": true, \"release_of_information\": \"Y\"}", coverage_allow,
				      check_coverage, NULL, coverage_decorate, NULL, NULL, "patient_id"};

/* --- the charge master --- */

static const char *check_code(const char *v) { return proc_code_valid(v) ? NULL : "must be a 5-character CPT or HCPCS code"; }
static const char *check_mod(const char *v)
{
	return !*v || modifier_valid(v) ? NULL : "must be a 2-character modifier or empty";
}

static const field fee_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"code", "code", F_TEXT, F_REQUIRED, 5, NULL, check_code},
	{"modifier", "modifier", F_TEXT, 0, 2, NULL, check_mod},
	{"fee_cents", "fee_cents", F_INT, F_REQUIRED},
	{"effective_from", "effective_from", F_DATE, F_REQUIRED},
	{"effective_to", "effective_to", F_DATE, 0},
	META,
};
static const table fee_table = {"fee", fee_fields, sizeof fee_fields / sizeof *fee_fields};

static int check_fee(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)x, (void)in;
	upcase_col(vals, "code");
	upcase_col(vals, "modifier");
	if (json_is_null(json_object_get(vals, "modifier")))
		json_object_set_new(vals, "modifier", json_string(""));
	json_int_t c = json_integer_value(json_object_get(vals, "fee_cents"));
	if (c < 0 || c > 100000000)
		return err_field(e, "fee_cents", "must be between 0 and 100000000 cents");
	return date_order(vals, "effective_from", "effective_to", e);
}

static const resource fee_res = {&fee_table, "fee", NULL, NULL, check_fee, NULL, NULL, "code",
				 "a fee for this code and modifier starts on that date already"};

/* --- payer contracts --- */

static const field contract_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"payer_id", "payer_id", F_INT, F_REQUIRED},
	{"name", "name", F_TEXT, F_REQUIRED, 100},
	{"effective_from", "effective_from", F_DATE, F_REQUIRED},
	{"effective_to", "effective_to", F_DATE, 0},
	{"medicare_pct_bp", "medicare_pct_bp", F_INT, 0},
	META,
};
static const table contract_table = {"payer_contract", contract_fields, sizeof contract_fields / sizeof *contract_fields};
static const char *const contract_allow[] = {"rates", NULL};

static int check_contract(ctx *x, json_t *in, json_t *vals, err *e)
{
	if (res_ref(x, "payer", json_integer_value(json_object_get(vals, "payer_id")), "payer_id", e))
		return -1;
	json_t *bp = json_object_get(vals, "medicare_pct_bp");
	if (json_is_integer(bp) && (json_integer_value(bp) < 1 || json_integer_value(bp) > 100000))
		return err_field(e, "medicare_pct_bp", "must be between 1 and 100000 basis points (0.01%% to 1000%%)");
	json_t *rates = json_object_get(in, "rates");
	if (rates && !json_is_array(rates))
		return err_field(e, "rates", "must be a list of {code, modifier, allowed_cents}");
	size_t i;
	json_t *r;
	json_array_foreach(rates, i, r) {
		char f[40];
		const char *code = json_string_value(json_object_get(r, "code"));
		const char *mod = json_string_value(json_object_get(r, "modifier"));
		json_t *amt = json_object_get(r, "allowed_cents");
		snprintf(f, sizeof f, "rates[%zu]", i);
		if (!code || !proc_code_valid(code))
			err_field(e, f, "code must be a 5-character CPT or HCPCS code");
		else if (mod && *mod && !modifier_valid(mod))
			err_field(e, f, "modifier must be 2 characters");
		else if (!json_is_integer(amt) || json_integer_value(amt) < 0)
			err_field(e, f, "allowed_cents must be a whole number of cents, not negative");
	}
	if (err_has_fields(e))
		return -1;
	return date_order(vals, "effective_from", "effective_to", e);
}

static int contract_rates(ctx *x, int64_t id, json_t *in, err *e)
{
	json_t *rates = json_object_get(in, "rates");
	if (!rates)
		return 0;
	if (db_run(x->db, e, "DELETE FROM contract_rate WHERE contract_id = $1", "i", id) < 0)
		return -1;
	size_t i;
	json_t *r;
	json_array_foreach(rates, i, r) {
		char code[8], mod[4];
		snprintf(code, sizeof code, "%s", json_string_value(json_object_get(r, "code")));
		const char *m = json_string_value(json_object_get(r, "modifier"));
		snprintf(mod, sizeof mod, "%s", m ? m : "");
		upcase(code);
		upcase(mod);
		int64_t n = db_run(x->db, e,
				   "INSERT INTO contract_rate (practice_id, contract_id, code, modifier, allowed_cents) "
				   "VALUES ($1, $2, $3, $4, $5)",
				   "iissi", ctx_practice(x), id, code, mod, (int64_t)json_integer_value(json_object_get(r, "allowed_cents")));
		if (n < 0) {
			if (e->code == ERR_CONFLICT)
				return err_field(e, "rates", "lists %s%s%s twice", code, *mod ? "-" : "", mod);
			return -1;
		}
	}
	return 0;
}

static int contract_decorate(ctx *x, json_t *o, err *e)
{
	db_stmt *st = db_prepare(x->db,
				 "SELECT code, modifier, allowed_cents FROM contract_rate WHERE contract_id = $1 "
				 "ORDER BY code, modifier",
				 e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, json_integer_value(json_object_get(o, "id")));
	json_t *a = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I}", "code", db_col_text(st, 0), "modifier",
						    db_col_text(st, 1), "allowed_cents", (json_int_t)db_col_i64(st, 2)));
	db_done(st);
	json_object_set_new(o, "rates", a);
	return rc == DB_ERR ? -1 : 0;
}

static const resource contract_res = {&contract_table, "payer_contract", NULL, contract_allow, check_contract,
				      contract_rates, contract_decorate, NULL, NULL};

/* --- capitation contracts (rosters and payments: capitation.c) --- */

static const field capitation_fields[] = {
	{"id", "id", F_INT, F_READONLY},
	{"payer_id", "payer_id", F_INT, F_REQUIRED},
	{"name", "name", F_TEXT, F_REQUIRED, 100},
	{"effective_from", "effective_from", F_DATE, F_REQUIRED},
	{"effective_to", "effective_to", F_DATE, 0},
	{"pmpm_cents", "pmpm_cents", F_INT, F_REQUIRED},
	{"carve_outs", "carve_outs", F_TEXT, 0, 600},
	META,
};
static const table capitation_table = {"capitation_contract", capitation_fields,
				       sizeof capitation_fields / sizeof *capitation_fields};

/* carve_outs: "90471, 90686" -> "90471,90686", each a CPT/HCPCS code. */
static int check_capitation(ctx *x, json_t *in, json_t *vals, err *e)
{
	(void)in;
	if (res_ref(x, "payer", json_integer_value(json_object_get(vals, "payer_id")), "payer_id", e))
		return -1;
	json_int_t pmpm = json_integer_value(json_object_get(vals, "pmpm_cents"));
	if (pmpm < 0 || pmpm > 10000000)
		return err_field(e, "pmpm_cents", "must be between 0 and 10000000 cents per member per month");
	const char *co = json_string_value(json_object_get(vals, "carve_outs"));
	char out[601] = "", code[16];
	for (const char *p = co ? co : ""; *p;) {
		size_t n = strcspn(p, ",");
		size_t a = 0, b = n;
		while (a < b && p[a] == ' ')
			a++;
		while (b > a && p[b - 1] == ' ')
			b--;
		if (b - a >= sizeof code || (snprintf(code, sizeof code, "%.*s", (int)(b - a), p + a), upcase(code), !proc_code_valid(code)))
			return err_field(e, "carve_outs", "must be CPT or HCPCS codes (5 characters) separated by commas");
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", *out ? "," : "", code);
		p += n + (p[n] == ',');
	}
	json_object_set_new(vals, "carve_outs", json_string(out));
	return date_order(vals, "effective_from", "effective_to", e);
}

static const resource capitation_res = {&capitation_table, "capitation_contract", NULL, NULL, check_capitation,
					NULL, NULL, NULL, NULL};

const resource *billing_resource(bill_res k)
{
	static const resource *const all[] = {[BR_PAYER] = &payer_res, [BR_COVERAGE] = &coverage_res,
					      [BR_FEE] = &fee_res, [BR_CONTRACT] = &contract_res,
					      [BR_CAPITATION] = &capitation_res};
	return all[k];
}

/* --- coverage of one patient, in order --- */

int coverage_list_patient(ctx *x, int64_t patient, json_t **out, err *e)
{
	if (res_ref(x, "patient", patient, "patient_id", e))
		return err_set(e, ERR_NOT_FOUND, "patient not found");
	db_stmt *st = db_prepare(x->db,
				 "SELECT id FROM coverage WHERE practice_id = $1 AND patient_id = $2 "
				 "ORDER BY active DESC, priority, effective_from DESC, id",
				 e);
	if (!st)
		return -1;
	db_bindv(st, "ii", ctx_practice(x), patient);
	json_t *ids = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(ids, json_integer(db_col_i64(st, 0)));
	db_done(st);
	json_t *items = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(ids, i, v) {
		json_t *c;
		if (rc == DB_ERR || res_get(x, &coverage_res, json_integer_value(v), &c, e)) {
			rc = DB_ERR;
			break;
		}
		json_array_append_new(items, c);
	}
	json_decref(ids);
	if (rc == DB_ERR) {
		json_decref(items);
		return -1;
	}
	ctx_audit_read(x, "coverage.list", "patient", patient, patient);
	*out = json_pack("{s:o}", "items", items);
	return 0;
}

/* --- the billing profile --- */

static const field profile_fields[] = {
	{"legal_name", "legal_name", F_TEXT, F_REQUIRED, 60},
	{"npi", "npi", F_TEXT, 0, 10},
	{"tax_id", "tax_id", F_TEXT, 0, 9},
	{"taxonomy", "taxonomy", F_TEXT, 0, 10},
	ADDRESS,
	{"phone", "phone", F_TEXT, 0, 30},
	{"medicare_mac", "medicare_mac", F_TEXT, 0, 5},
	{"medicare_locality", "medicare_locality", F_TEXT, 0, 2},
	{"version", "version", F_INT, F_READONLY},
	{"updated_at", "updated_at", F_TEXT, F_READONLY},
};
#define NPROFILE ((int)(sizeof profile_fields / sizeof *profile_fields))
static const settings_table profile_table = {"billing_profile", "billing_profile.update", "billing profile", profile_fields,
					    NPROFILE, true};

int billing_profile_get(ctx *x, json_t **out, err *e) { return settings_read(x, &profile_table, out, e); }

static const char *digits_msg(const char *v, size_t n, const char *msg)
{
	return v && (strlen(v) != n || strspn(v, "0123456789") != n) ? msg : NULL;
}

int billing_profile_put(ctx *x, json_t *in, json_t **out, err *e)
{
	json_t *vals = NULL;
	if (rec_validate(profile_fields, NPROFILE, in, (const char *const[]){"version", "updated_at", NULL}, &vals, e))
		return -1;
	const char *npi = json_string_value(json_object_get(vals, "npi"));
	const char *tax = json_string_value(json_object_get(vals, "taxonomy"));
	const char *m;
	if (npi && !npi_valid(npi))
		err_field(e, "npi", "must be 10 digits with a valid check digit");
	if ((m = digits_msg(json_string_value(json_object_get(vals, "tax_id")), 9, "must be the 9 digits of the EIN, without the dash")))
		err_field(e, "tax_id", "%s", m);
	if (tax && !taxonomy_valid(tax))
		err_field(e, "taxonomy", "must be a NUCC taxonomy code such as 207Q00000X");
	if ((m = digits_msg(json_string_value(json_object_get(vals, "medicare_mac")), 5, "must be the 5-digit Medicare contractor number")))
		err_field(e, "medicare_mac", "%s", m);
	if ((m = digits_msg(json_string_value(json_object_get(vals, "medicare_locality")), 2, "must be the 2-digit Medicare locality")))
		err_field(e, "medicare_locality", "%s", m);
	if (err_has_fields(e) || address_validate(vals, e)) {
		json_decref(vals);
		return -1;
	}
	int rc = settings_write(x, &profile_table, vals, json_object_get(in, "version"), e);
	json_decref(vals);
	if (rc)
		return -1;
	return billing_profile_get(x, out, e);
}
