/* perm.h: roles and the permissions each grants (least privilege: a role gets only what its
 * job needs). The table is in perm.c; routes name the permission they need. */
#ifndef PRAXIS_PERM_H
#define PRAXIS_PERM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#define PERMISSIONS(X)                                                                             \
	X(PATIENT_READ, "patient.read")                                                            \
	X(PATIENT_WRITE, "patient.write")                                                          \
	X(PATIENT_MERGE, "patient.merge")                                                          \
	X(PROVIDER_READ, "provider.read")                                                          \
	X(PROVIDER_WRITE, "provider.write")                                                        \
	X(LOCATION_READ, "location.read")                                                          \
	X(LOCATION_WRITE, "location.write")                                                        \
	X(USER_READ, "user.read")                                                                  \
	X(USER_WRITE, "user.write")                                                                \
	X(AUDIT_READ, "audit.read")                                                                \
	X(SCHEDULE_READ, "schedule.read")                                                          \
	X(SCHEDULE_WRITE, "schedule.write")                                                        \
	X(SCHEDULE_SETUP, "schedule.setup")                                                        \
	X(SCHEDULE_OVERRIDE, "schedule.override")                                                  \
	X(SCHEDULE_REPORTS, "schedule.reports")                                                    \
	X(BILLING_READ, "billing.read")                                                            \
	X(CHARGE_WRITE, "charge.write")                                                            \
	X(CLAIM_WRITE, "claim.write")                                                              \
	X(BILLING_SETUP, "billing.setup")                                                          \
	X(PAYMENT_WRITE, "payment.write")                                                          \
	X(WRITEOFF, "writeoff")                                                                    \
	X(PRACTICE_ADMIN, "practice.admin")

typedef enum {
	P_NONE = -1,
#define X(id, name) P_##id,
	PERMISSIONS(X)
#undef X
	P__COUNT
} perm;

typedef uint64_t permset;
#define PERM_BIT(p) ((permset)1 << (p))

extern const char *const role_names[]; /* NULL-terminated */

const char *perm_name(perm p);
bool role_valid(const char *role);
permset role_perms(const char *role);
/* Permission names of a set, as a JSON array (new reference). */
json_t *perm_json(permset s);

#endif
