/* perm.c: the role table. */
#include "access/perm.h"

#include <string.h>

static const char *const names[] = {
#define X(id, name) name,
	PERMISSIONS(X)
#undef X
};

#define B(p) PERM_BIT(P_##p)
#define READ_REGISTER (B(PROVIDER_READ) | B(LOCATION_READ))
#define SCHEDULE (B(SCHEDULE_READ) | B(SCHEDULE_WRITE)) /* book, check in, cancel; not the setup */
#define BILLING (B(BILLING_READ) | B(CHARGE_WRITE) | B(CLAIM_WRITE) | B(BILLING_SETUP) | B(PAYMENT_WRITE))

static const struct {
	const char *role;
	permset perms;
} roles[] = {
	{"admin", ~(permset)0},
	{"practice_manager", B(PATIENT_READ) | B(PATIENT_WRITE) | B(PATIENT_MERGE) | B(PROVIDER_READ) |
				     B(PROVIDER_WRITE) | B(LOCATION_READ) | B(LOCATION_WRITE) | B(USER_READ) | SCHEDULE |
				     B(SCHEDULE_SETUP) | B(SCHEDULE_OVERRIDE) | B(SCHEDULE_REPORTS) | BILLING | B(WRITEOFF)},
	{"front_desk", B(PATIENT_READ) | B(PATIENT_WRITE) | READ_REGISTER | SCHEDULE | B(PAYMENT_WRITE)}, /* copays at the desk */
	{"biller", B(PATIENT_READ) | B(PATIENT_WRITE) | READ_REGISTER | B(SCHEDULE_READ) | BILLING},
	{"provider", B(PATIENT_READ) | READ_REGISTER | SCHEDULE | B(BILLING_READ) | B(CHARGE_WRITE)}, /* the superbill */
	{"hr", READ_REGISTER | B(USER_READ)},
	{"compliance_officer", B(PATIENT_READ) | B(AUDIT_READ) | B(USER_READ) | READ_REGISTER},
	{"auditor", B(AUDIT_READ) | B(USER_READ)},
};

const char *const role_names[] = {"admin", "practice_manager", "front_desk", "biller", "provider",
				  "hr", "compliance_officer", "auditor", NULL};

const char *perm_name(perm p) { return p >= 0 && p < P__COUNT ? names[p] : "none"; }

permset role_perms(const char *role)
{
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		if (!strcmp(roles[i].role, role))
			return roles[i].perms;
	return 0;
}

bool role_valid(const char *role) { return role && role_perms(role) != 0; }

json_t *perm_json(permset s)
{
	json_t *a = json_array();
	for (int p = 0; p < P__COUNT; p++)
		if (s & PERM_BIT(p))
			json_array_append_new(a, json_string(names[p]));
	return a;
}
