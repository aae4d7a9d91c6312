/* import.c: one import = one transaction = one release of a code set (see codes.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "codes/load.h"

typedef int (*loader)(codes_job *j, codes_rd *r, err *e);

static const struct kind {
	const char *name;  /* as stored in code_set_version */
	const char *alias; /* also accepted */
	loader load;
	const char *del;    /* removes a release's rows */
	const char *expect; /* the file it takes, for messages */
} kinds[] = {
	{"icd10cm", NULL, codes_load_icd10cm, "DELETE FROM icd10cm_code WHERE version_id = $1",
	 "the ICD-10-CM order file (icd10cm_order_YYYY.txt)"},
	{"hcpcs", NULL, codes_load_hcpcs, "DELETE FROM hcpcs_code WHERE version_id = $1",
	 "the HCPCS record file (HCPCYYYY_MON_ANWEB.txt)"},
	{"ncci_ptp", "ncci-ptp", codes_load_ncci_ptp, "DELETE FROM ncci_ptp WHERE version_id = $1",
	 "an NCCI practitioner PTP file (ccipra-vVVVr0-fN.txt)"},
	{"mue", NULL, codes_load_mue, "DELETE FROM mue WHERE version_id = $1",
	 "the NCCI practitioner MUE table (MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv)"},
	{"pfs", NULL, codes_load_pfs, "DELETE FROM pfs_rvu WHERE version_id = $1",
	 "the PFS relative value file (PPRRVUYY_MON.csv)"},
	{"gpci", NULL, codes_load_gpci, "DELETE FROM pfs_gpci WHERE version_id = $1",
	 "the PFS GPCI file (GPCIYYYY.csv)"},
};

void codes_bad(codes_job *j, long line, const char *fmt, ...)
{
	codes_report *rep = j->rep;
	rep->bad++;
	if (rep->nmsgs >= CODES_REPORT_MSGS)
		return;
	char *m = rep->msgs[rep->nmsgs++];
	size_t cap = sizeof rep->msgs[0];
	int n = snprintf(m, cap, "%s%sline %ld: ", j->file ? j->file : "", j->file ? " " : "", line);
	if (n < 0 || (size_t)n >= cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m + n, cap - (size_t)n, fmt, ap);
	va_end(ap);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* the release's row: the existing one emptied, or a new one */
static int open_release(db *c, const struct kind *k, const char *eff, const char *source, int64_t *id, err *e)
{
	char now[TS_LEN];
	ts_now(now);
	int rc = db_one_i64(c, e, id, "SELECT id FROM code_set_version WHERE kind = $1 AND effective_from = $2", "ss",
			    k->name, eff);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		if (db_run(c, e, k->del, "i", *id) < 0)
			return -1;
		rc = (int)db_run(c, e,
				 "UPDATE code_set_version SET source_name = $2, rows_loaded = 0, bad_lines = 0, "
				 "loaded_at = $3 WHERE id = $1",
				 "iss", *id, source, now);
		return rc < 0 ? -1 : 0;
	}
	rc = db_one_i64(c, e, id,
			"INSERT INTO code_set_version (kind, effective_from, source_name, rows_loaded, bad_lines, "
			"loaded_at) VALUES ($1, $2, $3, 0, 0, $4) RETURNING id",
			"ssss", k->name, eff, source, now);
	return rc == 1 ? 0 : -1;
}

static int load_all(db *c, const struct kind *k, const char *const *paths, int npaths, codes_report *rep, err *e)
{
	char source[512] = "";
	for (int i = 0; i < npaths; i++)
		snprintf(source + strlen(source), sizeof source - strlen(source), "%s%s", i ? ", " : "",
			 base_name(paths[i]));
	codes_job j = {c, 0, rep, NULL};
	if (open_release(c, k, rep->effective_from, source, &j.version_id, e))
		return -1;
	for (int i = 0; i < npaths; i++) {
		codes_rd r;
		j.file = npaths > 1 ? base_name(paths[i]) : NULL;
		int64_t before = rep->rows;
		if (codes_rd_open(&r, paths[i], e))
			return -1;
		int rc = k->load(&j, &r, e);
		codes_rd_close(&r);
		if (rc)
			return -1;
		if (rep->rows == before)
			return err_set(e, ERR_BAD_REQUEST, "%s: no %s rows found: it should be %s", base_name(paths[i]),
				       k->name, k->expect);
	}
	int64_t n = db_run(c, e, "UPDATE code_set_version SET rows_loaded = $2, bad_lines = $3 WHERE id = $1", "iii",
			   j.version_id, rep->rows, rep->bad);
	return n < 0 ? -1 : 0;
}

int codes_import_files(db *c, const char *kind, const char *const *paths, int npaths, const char *effective_from,
		       codes_report *rep, err *e)
{
	memset(rep, 0, sizeof *rep);
	const struct kind *k = NULL;
	for (size_t i = 0; kind && i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(kind, kinds[i].name) || (kinds[i].alias && !strcmp(kind, kinds[i].alias)))
			k = &kinds[i];
	if (!k)
		return err_set(e, ERR_VALIDATION, "unknown code set: use icd10cm, hcpcs, ncci-ptp, mue, pfs or gpci");
	snprintf(rep->kind, sizeof rep->kind, "%s", k->name);
	if (npaths < 1)
		return err_set(e, ERR_VALIDATION, "no file given");
	if (effective_from) {
		if (!date_valid(effective_from))
			return err_set(e, ERR_VALIDATION, "the effective date must be a date YYYY-MM-DD");
		snprintf(rep->effective_from, sizeof rep->effective_from, "%s", effective_from);
	} else {
		for (int i = 0; i < npaths; i++) {
			char d[11];
			if (!codes_infer_effective(k->name, paths[i], d))
				return err_set(e, ERR_VALIDATION,
					       "cannot tell the effective date of %s from its name: "
					       "give it (--effective YYYY-MM-DD)",
					       base_name(paths[i]));
			if (i && strcmp(d, rep->effective_from))
				return err_set(e, ERR_VALIDATION,
					       "the file names imply different effective dates: "
					       "give one (--effective)");
			memcpy(rep->effective_from, d, sizeof d);
		}
		rep->inferred = true;
	}
	if (db_begin(c, e))
		return -1;
	if (load_all(c, k, paths, npaths, rep, e) || db_commit(c, e)) {
		db_rollback(c);
		rep->rows = 0;
		return -1;
	}
	return 0;
}

int codes_import(db *c, const char *kind, const char *path, const char *effective_from, codes_report *rep, err *e)
{
	const char *paths[1] = {path};
	return codes_import_files(c, kind, paths, path ? 1 : 0, effective_from, rep, e);
}
