/* patients.c: the patient register. */
#include "api/api.h"
#include "patients/patients.h"

static int search(req *r, err *e)
{
	int limit;
	int64_t after;
	if (api_limit(r, &limit, e) || api_int_arg(r, "cursor", &after, e))
		return -1;
	r->content_type = "application/json";
	return patient_search(&r->x, api_arg(r, "q"), limit, after, &r->out_text, &r->out_len, e);
}

static int create(req *r, err *e) { return patient_create(&r->x, r->body, &r->out, e); }
static int get(req *r, err *e)
{
	r->content_type = "application/json";
	return patient_get_text(&r->x, r->id, &r->out_text, &r->out_len, e);
}
static int update(req *r, err *e) { return patient_update(&r->x, r->id, r->body, &r->out, e); }

static int merge(req *r, err *e)
{
	json_t *d = json_object_get(r->body, "duplicate_id");
	if (!json_is_integer(d) || json_integer_value(d) <= 0)
		return err_field(e, "duplicate_id", "is required: the id of the duplicate record");
	return patient_merge(&r->x, r->id, json_integer_value(d), &r->out, e);
}

ROUTES(patient,
       {"GET", "/api/v1/patients", P_PATIENT_READ, 0, search, "List or search patients (?q= name, birth date, phone or MRN)"},
       {"POST", "/api/v1/patients", P_PATIENT_WRITE, 0, create, "Register a patient (409 with candidates on a likely duplicate)", 201},
       {"GET", "/api/v1/patients/{id}", P_PATIENT_READ, 0, get, "One patient"},
       {"PATCH", "/api/v1/patients/{id}", P_PATIENT_WRITE, 0, update, "Change a patient: {version, ...changed fields}"},
       {"POST", "/api/v1/patients/{id}/merge", P_PATIENT_MERGE, 0, merge, "Merge a duplicate into this patient: {duplicate_id}"});
