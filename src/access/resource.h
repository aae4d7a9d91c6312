/* resource.h: create, read, list and change a simple practice-scoped resource, audited.
 *
 * Providers, locations, appointment types, rooms, availability rules and the like are one
 * table each (store/record.h) with the same life: validate the whole resource, write it in a
 * transaction with its audit event, answer the stored row. An area describes the
 * differences once in a `resource` and calls these four functions. */
#ifndef PRAXIS_RESOURCE_H
#define PRAXIS_RESOURCE_H

#include <jansson.h>

#include "access/access.h"
#include "store/record.h"

typedef struct resource {
	const table *t;
	const char *action;         /* audit action prefix: "provider" -> provider.create/.update */
	const char *defaults;       /* JSON object of values a create fills in when absent, or NULL */
	const char *const *allow;   /* input keys beyond the fields (NULL-terminated), or NULL */
	/* Checks and normalises the validated columns `vals` against `in` (the merged input)
	 * and the database (e.g. that a referenced provider is the practice's own). May be NULL. */
	int (*check)(ctx *x, json_t *in, json_t *vals, err *e);
	/* Inside the transaction, after the row is written: dependent rows. May be NULL. */
	int (*after)(ctx *x, int64_t id, json_t *in, err *e);
	/* Adds what the row alone does not hold to an answer. May be NULL. */
	int (*decorate)(ctx *x, json_t *obj, err *e);
	/* A unique-key conflict, in the caller's words (field and message). May be NULL. */
	const char *conflict_field, *conflict_msg;
	/* The input key holding the patient the row belongs to, for the audit event. May be NULL. */
	const char *patient_key;
} resource;

/* Writes join the caller's transaction when one is open (e.g. a batch), else run in their
 * own. `out` may be NULL when the caller does not need the stored row. */
int res_create(ctx *x, const resource *r, json_t *in, json_t **out, err *e);
int res_get(ctx *x, const resource *r, int64_t id, json_t **out, err *e);
int res_list(ctx *x, const resource *r, int limit, int64_t after_id, json_t **out, err *e);
/* A PATCH: {version, ...changed fields}; stale version -> ERR_VERSION_CONFLICT. */
int res_update(ctx *x, const resource *r, int64_t id, json_t *patch, json_t **out, err *e);

/* A practice's one-of-a-kind settings row (keyed by practice_id, with version and
 * updated_at; created_at too when `created`): `vals` are validated columns of `fs`. Without
 * `version` the row is created (ERR_VERSION_CONFLICT if it exists), with it changed
 * (ERR_VERSION_CONFLICT when stale), in one transaction with the audit event `action`. */
typedef struct settings_table {
	const char *name, *action, *what; /* "edi_settings", "edi_settings.update", "EDI set-up" */
	const field *fs;
	int n;
	bool created;
} settings_table;
int settings_write(ctx *x, const settings_table *t, json_t *vals, json_t *version, err *e);
/* The row as JSON (every field of `fs`); ERR_NOT_FOUND "the practice has no <what> yet". */
int settings_read(ctx *x, const settings_table *t, json_t **out, err *e);

/* For `check` hooks: 0 when `id` is a row of `tab` in the caller's practice, otherwise a
 * field error naming `name` ("is not one of this practice's <what>"). */
int res_ref(ctx *x, const char *tab, int64_t id, const char *name, err *e);
/* 0 when `id` is a row of `tab` in the caller's practice, otherwise ERR_NOT_FOUND ("patient
 * 12 not found"): for handlers of a path's {id}. */
int res_find(ctx *x, const char *tab, int64_t id, err *e);

#endif
