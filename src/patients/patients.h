/* patients.h: the patient register.
 *
 * Rules:
 * - A patient belongs to one practice; ids of another practice answer "not found".
 * - The MRN is issued by the practice (practice.mrn_seq), never chosen by the caller.
 * - Registering a patient whose normalised family and given name and birth date match an
 *   existing (unmerged) patient is refused with ERR_DUPLICATE_PATIENT and the candidates,
 *   unless the caller confirms with "confirm_new": true.
 * - Changes carry the version they were based on; a stale version is ERR_VERSION_CONFLICT.
 * - Merging marks the duplicate "merged" (merged_into_id = survivor), removes it from
 *   search, and is audited on both records. Areas that reference patients re-point their
 *   rows to the survivor in patient_merge (none do yet).
 * - Every read is audited (patient.read, patient.search); every write is audited in the
 *   same transaction. */
#ifndef PRAXIS_PATIENTS_H
#define PRAXIS_PATIENTS_H

#include <jansson.h>

#include "access/access.h"

/* Joins an open transaction (batch imports); `out` may be NULL. */
int patient_create(ctx *x, json_t *in, json_t **out, err *e);
int patient_get(ctx *x, int64_t id, json_t **out, err *e);
/* The same, as JSON text (the read path: no JSON value built). */
int patient_get_text(ctx *x, int64_t id, char **out, size_t *len, err *e);
int patient_update(ctx *x, int64_t id, json_t *patch, json_t **out, err *e);
/* Search by name prefix(es), birth date, phone or MRN; q NULL or empty lists everyone.
 * Results are ordered by name; `after_id` continues after that patient (keyset). The page
 * is JSON text, {items: [{id, mrn, family_name, given_name, preferred_name, birth_date,
 * sex_at_birth, status, version}], next_cursor} (malloc'd *out). */
int patient_search(ctx *x, const char *q, int limit, int64_t after_id, char **out, size_t *len, err *e);
int patient_merge(ctx *x, int64_t survivor, int64_t duplicate, json_t **out, err *e);

#endif
