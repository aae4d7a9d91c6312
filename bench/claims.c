/* bench/claims.c: building and scrubbing claims, measured in process (make bench runs it).
 *
 *   bench_claims DB [CHARGES]
 *
 * DB must not exist. The code sets are generated at their published size in the official
 * layouts and loaded with the importer (timed): about 1.75 million NCCI PTP edits, 12,000
 * MUE rows and 96,000 ICD-10-CM order-file rows. A practice with 10,000 insured patients
 * gets encounters holding CHARGES service lines (default 100,000; 1 to 4 lines each, codes
 * drawn from a pool of 400 among which PTP pairs are common). Then, timed:
 *   - build: claims_build for every encounter (claim rows, lines, expected amounts, the
 *     scrub, edits and history written), 500 encounters per transaction;
 *   - scrub: the edits alone on every claim (load + scrub, no writes);
 *   - 837P: the ready claims' documents read and written as one 837P transaction set;
 * next to a reference measured in the same run: PTP pairs looked up as indexed point
 * queries on the database (what the NCCI pass would cost without the releases in memory). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "access/accounts.h"
#include "billing/billing.h"
#include "billing/claim.h"
#include "codes/codes.h"
#include "formats/x12/x837p.h"
#include "patients/patients.h"
#include "registry/registry.h"
#include "store/migrate.h"

#include "common.h"

const char *bench_name = "bench_claims";

#define UNIVERSE 12000 /* procedure codes in the PTP table */
#define POOL 400       /* codes the practice bills */
#define PATIENTS 10000

static uint64_t rs = 42;
static uint64_t rnd(void)
{
	uint64_t z = (rs += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void code_of(int i, char out[6]) { snprintf(out, 6, "%05d", 10000 + i * 7); }

/* The files, in the publishers' layouts. Pool codes are the first POOL of the universe. */
static void write_files(const char *dir)
{
	char path[512];
	snprintf(path, sizeof path, "%s/ccipra-v321r0-f1.txt", dir);
	FILE *f = fopen(path, "w");
	fputs("CPT only copyright 2025 American Medical Association. All rights reserved.\nColumn1/Column2 Edits\n"
	      "Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale\n"
	      "\t\tprior to 1996\tDate\tDate\t0=not allowed\t\n\t\t\t\t*=no data\t1=allowed\t\n\t\t\t\t\t9=not applicable\t\n",
	      f);
	long ptp = 0;
	for (int i = 0; i < UNIVERSE; i++) {
		char c1[6], c2[6];
		code_of(i, c1);
		/* 146 edits per column-1 code: 1.75 million; inside the pool one pair in ten */
		for (int k = 0; k < 146; k++) {
			int j = i < POOL && k < 40 ? (int)(rnd() % POOL) : (int)(rnd() % UNIVERSE);
			if (j == i)
				continue;
			code_of(j, c2);
			fprintf(f, "%s\t%s\t%s\t%s\t%s\t%d\tMutually exclusive procedures\n", c1, c2, k % 3 ? "" : "*",
				"20200101", k % 11 ? "*" : "20241231", (int)(rnd() % 4 == 0 ? 0 : 1));
			ptp++;
		}
	}
	fclose(f);
	snprintf(path, sizeof path, "%s/MCR_MUE_PractitionerServices_Eff_01-01-2026.csv", dir);
	f = fopen(path, "w");
	fputs("\"CPT codes and descriptions only are copyright 2025 American Medical Association.\nAll rights reserved.\",,,\n"
	      "\"HCPCS/\nCPT Code\",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n",
	      f);
	for (int i = 0; i < UNIVERSE; i++) {
		char c[6];
		code_of(i, c);
		fprintf(f, "%s,%d,%s,Clinical: Data\n", c, 1 + (int)(rnd() % 4),
			i % 3 == 0 ? "1 Line Edit" : i % 3 == 1 ? "2 Date of Service Edit: Policy" : "3 Date of Service Edit: Clinical");
	}
	fclose(f);
	snprintf(path, sizeof path, "%s/icd10cm_order_2026.txt", dir);
	f = fopen(path, "w");
	int n = 0;
	for (int l = 0; l < 26 && n < 97500; l++)
		for (int d = 0; d < 100 && n < 97500; d++) {
			char cat[4];
			snprintf(cat, sizeof cat, "%c%02d", 'A' + l, d);
			fprintf(f, "%05d %-7s 0 %-60s %s\n", ++n, cat, "Synthetic category", "Synthetic category");
			for (int k = 0; k < 36 && n < 97500; k++) {
				char code[8];
				snprintf(code, sizeof code, "%s%d%c", cat, k % 10, k < 10 ? 0 : 'A' + k / 10);
				fprintf(f, "%05d %-7s 1 %-60s %s\n", ++n, code, "Synthetic code", "Synthetic billable code");
			}
		}
	fclose(f);
	printf("code sets generated: %ld PTP edits, %d MUE rows, %d ICD-10-CM rows\n", ptp, UNIVERSE, n);
}

static void load(db *c, const char *kind, const char *dir, const char *name, const char *eff)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	codes_report *rep = calloc(1, sizeof *rep);
	err e = ERR_INIT;
	double t = now_s();
	if (codes_import(c, kind, path, eff, rep, &e))
		die(kind, &e);
	double s = now_s() - t;
	printf("  import %-9s %9lld rows in %6.2f s  (%8.0f rows/s)\n", kind, (long long)rep->rows, s, rep->rows / s);
	free(rep);
}

int main(int argc, char **argv)
{
	if (argc < 2 || access(argv[1], F_OK) == 0) {
		fprintf(stderr, "usage: bench_claims NEW-DB [CHARGES]\n");
		return 2;
	}
	long charges = argc > 2 ? atol(argv[2]) : 100000;
	err e = ERR_INIT;
	db *c;
	int applied;
	if (db_open(argv[1], &c, &e) || migrate_run(c, 0, &applied, &e))
		die("open", &e);
	char dir[] = "/tmp/praxis-bench-codes-XXXXXX";
	if (!mkdtemp(dir))
		return perror("mkdtemp"), 1;
	write_files(dir);
	load(c, "ncci-ptp", dir, "ccipra-v321r0-f1.txt", "2026-01-01");
	load(c, "mue", dir, "MCR_MUE_PractitionerServices_Eff_01-01-2026.csv", NULL);
	load(c, "icd10cm", dir, "icd10cm_order_2026.txt", NULL);

	/* the practice */
	principal sys;
	ctx x;
	bench_practice bp;
	bench_practice_create(c, "Bench Billing", &sys, &x, &bp);
	int64_t prov = bp.provider, loc = bp.location, payer = bp.payer;
	if (db_begin(c, &e))
		die("begin", &e);
	for (int i = 0; i < POOL; i++) {
		char code[6];
		code_of(i, code);
		make(&x, BR_FEE, json_pack("{s:s, s:I, s:s}", "code", code, "fee_cents", (json_int_t)(5000 + i * 37), "effective_from", "2025-01-01"), &e);
	}
	int64_t *patients = malloc(PATIENTS * sizeof *patients);
	for (int i = 0; i < PATIENTS; i++) {
		char fam[32];
		snprintf(fam, sizeof fam, "Bench%05d", i);
		json_t *p = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s}}", "family_name", fam, "given_name", "Pat",
				      "birth_date", "1970-01-01", "sex_at_birth", i % 2 ? "F" : "M", "address", "line1", "1 Bench St",
				      "city", "Springfield", "state", "MA", "postal_code", "01103"),
		       *po = NULL;
		if (patient_create(&x, p, &po, &e))
			die("patient", &e);
		patients[i] = json_integer_value(json_object_get(po, "id"));
		json_decref(p);
		json_decref(po);
		char member[16];
		snprintf(member, sizeof member, "M%09d", i);
		make(&x, BR_COVERAGE, json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s}", "patient_id", (json_int_t)patients[i], "payer_id",
						(json_int_t)payer, "priority", 1, "relationship", "self", "member_id", member,
						"effective_from", "2025-01-01", "eligibility", "active"), &e);
	}
	if (db_commit(c, &e))
		die("commit", &e);

	/* encounters holding `charges` lines */
	double t = now_s();
	long lines = 0, nenc = 0;
	int64_t *encs = malloc(sizeof *encs * (size_t)(charges + 1));
	while (lines < charges) {
		if (db_begin(c, &e))
			die("begin", &e);
		for (int b = 0; b < 500 && lines < charges; b++) {
			int n = 1 + (int)(rnd() % 4);
			if (n > charges - lines)
				n = (int)(charges - lines);
			json_t *ls = json_array(), *dx = json_array();
			int ndx = 1 + (int)(rnd() % 3);
			for (int k = 0; k < ndx; k++) {
				char code[8];
				snprintf(code, sizeof code, "%c%02d%d", 'A' + (int)(rnd() % 26), (int)(rnd() % 100), k);
				json_array_append_new(dx, json_string(code));
			}
			for (int k = 0; k < n; k++) {
				char code[6];
				code_of((int)(rnd() % POOL), code);
				json_t *l = json_pack("{s:s, s:i, s:[i]}", "code", code, "units", 1 + (int)(rnd() % 2), "pointers", 1);
				if (rnd() % 4 == 0)
					json_object_set_new(l, "modifiers", json_pack("[s]", "59"));
				json_array_append_new(ls, l);
			}
			char dos[11];
			snprintf(dos, sizeof dos, "2026-%02d-%02d", 1 + (int)(rnd() % 2), 1 + (int)(rnd() % 28));
			json_t *in = json_pack("{s:I, s:s, s:I, s:I, s:o, s:o}", "patient_id", (json_int_t)patients[rnd() % PATIENTS],
					       "service_date", dos, "rendering_provider_id", (json_int_t)prov, "location_id", (json_int_t)loc,
					       "diagnoses", dx, "lines", ls);
			if (encounter_create(&x, in, &encs[nenc], NULL, &e))
				die("encounter", &e);
			json_decref(in);
			nenc++;
			lines += n;
		}
		if (db_commit(c, &e))
			die("commit", &e);
		x.npending = 0;
	}
	double s = now_s() - t;
	printf("charge entry: %ld encounters, %ld lines in %.2f s  (%.0f encounters/s)\n", nenc, lines, s, nenc / s);

	/* the releases come into memory on the first scrub of a date (timed apart) */
	code_sets warm;
	t = now_s();
	if (sets_open(c, "2026-02-01", &warm, &e))
		die("code sets", &e);
	printf("code sets into memory: %.2f s (once per process and release)\n", now_s() - t);

	/* build: claims with lines, expected amounts, scrub, edits, history */
	t = now_s();
	long claims = 0, errors = 0;
	for (long i = 0; i < nenc;) {
		if (db_begin(c, &e))
			die("begin", &e);
		for (long end = i + 500 < nenc ? i + 500 : nenc; i < end; i++) {
			if (claims_build(&x, encs[i], NULL, &e))
				die("build", &e);
			claims++;
		}
		if (db_commit(c, &e))
			die("commit", &e);
		x.npending = 0;
	}
	s = now_s() - t;
	double build_rate = claims / s;
	printf("build + scrub + write: %ld claims in %.2f s  (%.0f claims/s)\n", claims, s, build_rate);

	/* scrub alone: what the edits read (claim, lines, parties, coverage), then the edits */
	int64_t first = 0, last = 0;
	db_one_i64(c, &e, &first, "SELECT MIN(id) FROM claim", "");
	db_one_i64(c, &e, &last, "SELECT MAX(id) FROM claim", "");
	bill_claim *bc = malloc(sizeof *bc);
	edit_list *el = malloc(sizeof *el);
	long ptp_hits = 0;
	t = now_s();
	for (int64_t id = first; id <= last; id++)
		if (claim_load(&x, id, bc, &e))
			die("load", &e);
	double load_s = now_s() - t;
	t = now_s();
	for (int64_t id = first; id <= last; id++) {
		if (claim_load(&x, id, bc, &e))
			die("load", &e);
		code_sets cs;
		memset(el, 0, sizeof *el);
		if (sets_open(c, bc->dos, &cs, &e) || scrub(bc, &cs, el, &e))
			die("scrub", &e);
		errors += el->errors > 0;
		for (int k = 0; k < el->n; k++)
			ptp_hits += !strncmp(el->items[k].id, "NCCI-PTP", 8);
	}
	s = now_s() - t;
	printf("scrub alone: %lld claims in %.2f s  (%.0f claims/s); %ld with errors, %ld NCCI findings\n"
	       "  of which reading the claims from the database: %.2f s  (%.0f claims/s)\n",
	       (long long)(last - first + 1), s, (last - first + 1) / s, errors, ptp_hits, load_s, (last - first + 1) / load_s);

	/* 837P: the ready claims' documents gathered and written as one transaction set */
	{
		json_t *docs = json_array();
		int64_t nready = 0;
		t = now_s();
		db_stmt *q = db_prepare(c, "SELECT id FROM claim WHERE status = 'ready' ORDER BY id LIMIT 20000", &e);
		int64_t ids[20000];
		int qrc;
		while ((qrc = db_step(q, &e)) == DB_ROW && nready < 20000)
			ids[nready++] = db_col_i64(q, 0);
		db_done(q);
		for (int64_t k = 0; k < nready; k++) {
			json_t *d;
			if (claim_document(&x, ids[k], &d, &e))
				die("document", &e);
			json_array_append_new(docs, d);
			x.npending = 0;
		}
		double gather = now_s() - t;
		x12_writer *w = x12w_new((x12_seps){'*', ':', '^', '~'}, true);
		x12_isa isa = {"ZZ", "BENCH", "ZZ", "CLEARINGHOUSE", 1, 'T', 0};
		x837_parties parties = {"Bench Group", "BG1", "Office", "5550100", "Clearing", "CH1", "1", 0};
		t = now_s();
		if (x12w_interchange(w, &isa, &e) || x12w_group(w, "HC", "BG1", "CH1", 1, "005010X222A1", &e) ||
		    x837p_write(w, &parties, docs, "0001", &e) || x12w_end(w, &e) || x12w_end(w, &e))
			die("837", &e);
		double write = now_s() - t;
		size_t len;
		x12w_data(w, &len);
		printf("837P: %lld claims: documents read in %.2f s (%.0f claims/s), written in %.3f s (%.0f claims/s, %.1f MB)\n",
		       (long long)nready, gather, nready / gather, write, nready / write, len / 1e6);
		x12w_free(w);
		json_decref(docs);
	}

	/* reference: the same PTP question as an indexed point query on the database */
	int64_t ptp_version = 0;
	db_one_i64(c, &e, &ptp_version, "SELECT id FROM code_set_version WHERE kind = 'ncci_ptp'", "");
	long n = 0;
	t = now_s();
	for (; n < 200000; n++) {
		char a[6], b[6];
		int64_t ind;
		code_of((int)(rnd() % POOL), a);
		code_of((int)(rnd() % POOL), b);
		if (db_one_i64(c, &e, &ind,
			       "SELECT modifier_ind FROM ncci_ptp WHERE version_id = $1 AND col1 = $2 AND col2 = $3 "
			       "AND effective <= $4 AND (deleted IS NULL OR deleted >= $4) ORDER BY effective DESC LIMIT 1",
			       "isss", ptp_version, a, b, "2026-02-01") < 0)
			die("ptp", &e);
	}
	s = now_s() - t;
	printf("reference: PTP pairs looked up as indexed queries on the database: %.0f/s\n", n / s);
	free(bc);
	free(el);
	free(encs);
	free(patients);
	db_close(c);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : 1;
}
