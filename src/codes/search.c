/* search.c: reading the code sets: loaded releases and typeahead search (codes.h).
 *
 * The same SQL runs on both engines: prefix matches are a range scan of the primary key
 * (version_id, code) from the prefix to the prefix padded with Z. Codes hold only 0-9 and
 * A-Z, which every collation orders alike (digits, then letters, Z last), so the range is
 * right under PostgreSQL's linguistic collations too (a bound such as "E1:" would not be).
 * Word matches compare LOWER(description) LIKE '%word%' for up to four words. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"
#include "codes/codes.h"

#define MAX_WORDS 4

int codes_status(db *c, json_t **out, err *e)
{
	*out = NULL;
	db_stmt *st = db_prepare(
		c,
		"SELECT kind, effective_from, source_name, rows_loaded, bad_lines, loaded_at FROM code_set_version "
		"ORDER BY kind, effective_from DESC",
		e);
	if (!st)
		return -1;
	json_t *a = json_array();
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		json_array_append_new(a,
				      json_pack("{s:s,s:s,s:s,s:I,s:I,s:s}", "kind", db_col_text(st, 0),
						"effective_from", db_col_text(st, 1), "source_name", db_col_text(st, 2),
						"rows", (json_int_t)db_col_i64(st, 3), "bad_lines",
						(json_int_t)db_col_i64(st, 4), "loaded_at", db_col_text(st, 5)));
	db_done(st);
	if (rc == DB_ERR) {
		json_decref(a);
		return -1;
	}
	*out = a;
	return 0;
}

/* the release of a kind in force on date; 0 when none */
static int release(db *c, const char *kind, const char *date, int64_t *id, err *e)
{
	*id = 0;
	return db_one_i64(c, e, id,
			  "SELECT id FROM code_set_version WHERE kind = $1 AND effective_from <= $2 "
			  "ORDER BY effective_from DESC LIMIT 1",
			  "ss", kind, date) < 0
		       ? -1
		       : 0;
}

static bool has_code(json_t *a, const char *code)
{
	size_t i;
	json_t *o;
	json_array_foreach(a, i, o)
	{
		if (!strcmp(json_string_value(json_object_get(o, "code")), code))
			return true;
	}
	return false;
}

/* Appends the rows of st: code [, billable (ICD) or added, terminated (HCPCS), description]. */
static int collect(db_stmt *st, char set, const char *date, json_t *a, int limit, err *e)
{
	int rc = DB_DONE;
	while (json_array_size(a) < (size_t)limit && (rc = db_step(st, e)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		if (has_code(a, code))
			continue;
		char display[16];
		size_t n = strlen(code);
		if (set == 'i' && n > 3)
			snprintf(display, sizeof display, "%.3s.%s", code, code + 3);
		else
			snprintf(display, sizeof display, "%s", code);
		int billable = 1;
		const char *desc = "";
		if (set == 'i') {
			billable = (int)db_col_i64(st, 1);
			desc = db_col_text(st, 2);
		} else if (set == 'h') {
			const char *added = db_col_text(st, 1), *term = db_col_text(st, 2);
			billable = (!added || strcmp(added, date) <= 0) && (!term || strcmp(term, date) >= 0);
			desc = db_col_text(st, 3);
		} /* 'p': a CPT number from the fee schedule, never its description */
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:i}", "code", code, "display", display, "description",
						   desc ? desc : "", "billable", billable));
	}
	db_done(st);
	return rc == DB_ERR ? -1 : 0;
}

static int by_prefix(db *c, char set, int64_t version, const char *prefix, const char *date, json_t *a, int limit,
		     err *e)
{
	static const char *const sql[] = {
		"SELECT code, billable, long_desc FROM icd10cm_code WHERE version_id = $1 AND code >= $2 AND code <= $3 "
		"ORDER BY code LIMIT $4",
		"SELECT code, added, terminated, long_desc FROM hcpcs_code WHERE version_id = $1 AND is_modifier = 0 "
		"AND code >= $2 AND code <= $3 ORDER BY code LIMIT $4",
		"SELECT DISTINCT code FROM pfs_rvu WHERE version_id = $1 AND code >= $2 AND code <= $3 "
		"ORDER BY code LIMIT $4",
	};
	char end[24]; /* the largest code with the prefix: codes are at most 7 of 0-9A-Z, Z sorts last */
	snprintf(end, sizeof end, "%sZZZZZZZZ", prefix);
	db_stmt *st = db_prepare(c, sql[set == 'i' ? 0 : set == 'h' ? 1 : 2], e);
	if (!st)
		return -1;
	db_bindv(st, "issi", version, prefix, end, (int64_t)limit);
	return collect(st, set, date, a, limit, e);
}

static int by_words(db *c, char set, int64_t version, char words[MAX_WORDS][40], const char *date, json_t *a, int limit,
		    err *e)
{
	static const char *const sql[] = {
		"SELECT code, billable, long_desc FROM icd10cm_code WHERE version_id = $1 AND LOWER(long_desc) LIKE $2 "
		"AND LOWER(long_desc) LIKE $3 AND LOWER(long_desc) LIKE $4 AND LOWER(long_desc) LIKE $5 "
		"ORDER BY code LIMIT $6",
		"SELECT code, added, terminated, long_desc FROM hcpcs_code WHERE version_id = $1 AND is_modifier = 0 "
		"AND LOWER(long_desc) LIKE $2 AND LOWER(long_desc) LIKE $3 AND LOWER(long_desc) LIKE $4 "
		"AND LOWER(long_desc) LIKE $5 ORDER BY code LIMIT $6",
	};
	db_stmt *st = db_prepare(c, sql[set == 'i' ? 0 : 1], e);
	if (!st)
		return -1;
	db_bind_i64(st, 1, version);
	for (int i = 0; i < MAX_WORDS; i++) { /* an unused word is "", its pattern %% matches anything */
		char pat[48];
		snprintf(pat, sizeof pat, "%%%s%%", words[i]);
		db_bind_text(st, 2 + i, pat);
	}
	db_bind_i64(st, 6, limit + (int64_t)json_array_size(a)); /* room for rows already listed */
	return collect(st, set, date, a, limit, e);
}

/* merges two arrays sorted by code into a, dropping repeated codes */
static void merge(json_t *a, json_t *x, json_t *y, int limit)
{
	size_t i = 0, k = 0;
	while ((i < json_array_size(x) || k < json_array_size(y)) && json_array_size(a) < (size_t)limit) {
		json_t *p = json_array_get(x, i), *q = json_array_get(y, k);
		bool take_x = p && (!q || strcmp(json_string_value(json_object_get(p, "code")),
						 json_string_value(json_object_get(q, "code"))) <= 0);
		json_t *o = take_x ? p : q;
		take_x ? i++ : k++;
		if (!has_code(a, json_string_value(json_object_get(o, "code"))))
			json_array_append(a, o);
	}
}

static bool word_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

/* Splits q into a code prefix (uppercase, dots dropped; "" unless q is one token of letters,
 * digits and dots, at most 7 characters) and up to MAX_WORDS lowercase words (the rest "").
 * Returns the number of words. */
static int parse_query(const char *q, char prefix[16], char words[MAX_WORDS][40])
{
	const char *p = q ? q + strspn(q, " ") : "";
	size_t np = 0, tok = strcspn(p, " ");
	bool code_like = !p[tok + strspn(p + tok, " ")];
	for (size_t i = 0; i < tok && code_like; i++)
		if (word_char(p[i]) && np < 7)
			prefix[np++] = (char)toupper((unsigned char)p[i]);
		else if (p[i] != '.')
			code_like = false;
	prefix[code_like ? np : 0] = 0;
	int nwords = 0;
	memset(words, 0, sizeof(char[MAX_WORDS][40]));
	for (const char *t = p; *t && nwords < MAX_WORDS;) {
		size_t n = 0;
		while (*t && !word_char(*t))
			t++;
		for (; word_char(*t); t++)
			if (n + 1 < sizeof words[0])
				words[nwords][n++] = (char)tolower((unsigned char)*t);
		nwords += n > 0;
	}
	return nwords;
}

int codes_search(db *c, const char *set, const char *q, const char *date, int limit, json_t **out, err *e)
{
	*out = NULL;
	char s = set && !strcmp(set, "icd10cm") ? 'i' : set && !strcmp(set, "hcpcs") ? 'h' : 0;
	if (!s)
		return err_field(e, "set", "must be icd10cm or hcpcs");
	if (date && !date_valid(date))
		return err_field(e, "date", "must be a date YYYY-MM-DD");
	char today[11];
	date_today(today);
	const char *on = date ? date : "9999-12-31";
	if (limit < 1 || limit > 100)
		limit = 20;
	char prefix[16], words[MAX_WORDS][40];
	int nwords = parse_query(q, prefix, words);
	if (!nwords) {
		*out = json_array();
		return 0;
	}
	int64_t v = 0, vp = 0;
	if (release(c, s == 'i' ? "icd10cm" : "hcpcs", on, &v, e) || (s == 'h' && release(c, "pfs", on, &vp, e)))
		return -1;
	const char *billable_on = date ? date : today;
	json_t *a = json_array();
	int rc = 0;
	if (*prefix && s == 'i' && v)
		rc = by_prefix(c, 'i', v, prefix, billable_on, a, limit, e);
	else if (*prefix && s == 'h') {
		json_t *x = json_array(), *y = json_array();
		rc = (v && by_prefix(c, 'h', v, prefix, billable_on, x, limit, e)) ||
		     (vp && by_prefix(c, 'p', vp, prefix, billable_on, y, limit, e));
		merge(a, x, y, limit);
		json_decref(x);
		json_decref(y);
	}
	/* a code with a digit (E119, 99213) is looked for as a code only: scanning every
	 * description for it finds nothing and costs a full pass over the release */
	if (!rc && v && json_array_size(a) < (size_t)limit && !strpbrk(prefix, "0123456789"))
		rc = by_words(c, s, v, words, billable_on, a, limit, e);
	if (rc) {
		json_decref(a);
		return -1;
	}
	*out = a;
	return 0;
}
