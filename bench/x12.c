/* bench/x12.c: X12 parse throughput, measured in process (make bench runs it).
 *
 *   bench_x12 [DIR [MB]]
 *
 * Writes two files into DIR (default /tmp), each of at least MB megabytes (default 64; 1 MB
 * is 10^6 bytes here and in the MB/s figures):
 *   - DIR/praxis-bench-835.x12: an 835 (005010X221A1) as payers send it, on one line: one
 *     interchange, one group, one transaction set per payment (BPR, TRN, DTM, payer and payee
 *     N1 loops, then 20 to 200 claims: CLP, CAS, NM1, DTM, AMT, and per service line SVC
 *     with a composite HC:99213:25, DTM, CAS, REF, AMT, LQ), amounts that add up;
 *   - DIR/praxis-bench-837p.x12: an 837P (005010X222A1), a segment per line: one transaction
 *     set per batch of 100 to 300 subscribers (2000A billing provider, 2000B subscriber NM1,
 *     N3, N4, DMG and payer, 2300 CLM with an HI of composite diagnoses, 2400 LX, SV1
 *     HC:99213:25, DTP), HL numbers with their parents.
 * Names, ids and codes are made up, drawn from a fixed-seed generator. Envelopes are right:
 * SE01, GE01 and IEA01 counts, matching control numbers.
 *
 * Then, for each file, best of 3: x12_open_file, x12_next over every segment and
 * x12_envelope_step on each (what a real read does), and prints MB/s and segments/s; then the
 * same with the implementation guide's checks (x12 validate: loops, segment usage and order,
 * element rules). The envelope and the guide must report no issue and the count must match what was written, or it stops: a
 * broken generator must not give a fast-looking figure. The files are left for
 * bench/x12-node.mjs (node-x12 on the same bytes); bench/run deletes them. The files were
 * just written, so they are read from the page cache: this measures parsing, not the disk. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formats/x12/envelope.h"
#include "formats/x12/guide.h"

static uint64_t rs = 835837;
static uint64_t rnd(void)
{
	uint64_t z = (rs += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
static int pick(int n) { return (int)(rnd() % (uint64_t)n); }

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static const char *const family[] = {"ALDER", "BRENNAN", "CASTILLO", "DUVALL", "EKWUEME", "FAIRCHILD", "GUNDERSEN",
				     "HALVORSEN", "IBARRA", "JANKOWSKI", "KOWALCZYK", "LINDQVIST", "MORROW", "NAKAMURA",
				     "OYELARAN", "PETRAKIS", "QUINTANA", "RASMUSSEN", "SOKOLOV", "THACKERAY", "UDOVIC",
				     "VANTERPOOL", "WHITAKER", "XIMENES", "YOUNGBLOOD", "ZAVALA"};
static const char *const given[] = {"ADA", "BORIS", "CELESTE", "DMITRI", "ELOISE", "FARID", "GRETA", "HUGO", "INES",
				    "JONAH", "KESTREL", "LUCIAN", "MIRA", "NILS", "ODETTE", "PAVEL", "ROSALIND", "SILAS",
				    "TAMSIN", "ULRIC", "VERA", "WENDELL"};
static const char *const street[] = {"MAPLE", "HARBOR", "QUARRY", "ORCHARD", "LANTERN", "BIRCHWOOD", "FOUNDRY", "MEADOW"};
static const char *const city[][3] = {{"SPRINGFIELD", "IL", "62704"}, {"BOULDER", "CO", "80302"}, {"SALEM", "OR", "97301"},
				      {"DURHAM", "NC", "27701"},      {"MADISON", "WI", "53703"}, {"ITHACA", "NY", "14850"}};
static const char *const cpt[] = {"99211", "99212", "99213", "99214", "99215", "99395", "36415", "81002", "85025",
				  "80053", "93000", "90471", "90686", "71046", "97110", "20610", "11102", "69210"};
static const char *const mod[] = {"25", "59", "GT", "95", "LT", "RT"};
static const char *const icd[] = {"E119", "I10", "E785", "J069", "M5450", "Z0000", "F329", "K219", "R0602", "N390",
				  "J45909", "E039", "M170", "G4700", "R51", "Z23"};

/* A growable byte buffer for one transaction set (so its totals can come before it). */
typedef struct buf {
	char *p;
	size_t len, cap;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->cap = b->cap * 2 + (size_t)n + 4096;
		if (!(b->p = realloc(b->p, b->cap)))
			exit(1);
	}
}

/* Segments go through seg(): it ends each with the terminator and counts it. */
typedef struct gen {
	buf b;
	const char *term;   /* "~" or "~\n" */
	int segs;           /* in the current transaction set, ST included */
	int64_t total;      /* in the file */
} gen;

#define seg(g, ...) (put(&(g)->b, __VA_ARGS__), put(&(g)->b, "%s", (g)->term), (g)->segs++, (g)->total++)

static void money(char *out, size_t cap, long cents)
{
	if (cents % 100)
		snprintf(out, cap, "%ld.%02ld", cents / 100, cents % 100);
	else
		snprintf(out, cap, "%ld", cents / 100);
}

static void date(char *out, int day) /* day 0 = 2026-01-01, within the year */
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int m = 0;
	day %= 365;
	while (day >= mdays[m])
		day -= mdays[m++];
	snprintf(out, 9, "2026%02d%02d", m + 1, day + 1);
}

static void write_isa(FILE *f, const char *term, const char *gs01, const char *gs08)
{
	fprintf(f, "ISA*00*          *00*          *ZZ*%-15s*ZZ*%-15s*260305*1200*^*00501*000000417*0*P*:%s", "PRAXISBENCH",
		"CLEARINGHOUSE", term);
	fprintf(f, "GS*%s*PRAXISBENCH*CLEARINGHOUSE*20260305*1200*417*X*%s%s", gs01, gs08, term);
}

static void write_trailers(FILE *f, const char *term, int sets)
{
	fprintf(f, "GE*%d*417%sIEA*1*000000417%s", sets, term, term);
}

/* One 835 transaction set (one payment) into g->b; its control number is `n`. */
static void one_835(gen *g, int n)
{
	gen c = {.term = g->term}; /* the claims, written after the header that totals them */
	long total_paid = 0;
	int nclaims = 20 + pick(181);
	int pay_day = 60 + pick(240);
	for (int k = 0; k < nclaims; k++) {
		int nlines = 1 + pick(4), dos = pay_day - 14 - pick(40);
		char d[9], a[16], b[16], e[16], f[16];
		long charge = 0, paid = 0, pr = 0;
		bool claim_pr = !pick(4); /* the patient's share adjusted on the claim, not its lines */
		gen l = {.term = g->term}; /* the service lines, after the claim that totals them */
		for (int i = 0; i < nlines; i++) {
			const char *code = cpt[pick(sizeof cpt / sizeof *cpt)];
			long ch = 4000 + pick(40000), allowed = ch * (55 + pick(35)) / 100, copay = pick(3) ? 0 : 1000 + pick(4) * 500;
			if (copay > allowed)
				copay = allowed;
			charge += ch, paid += allowed - copay, pr += copay;
			money(a, sizeof a, ch), money(b, sizeof b, allowed - copay);
			if (pick(3))
				seg(&l, "SVC*HC:%s*%s*%s**1", code, a, b);
			else
				seg(&l, "SVC*HC:%s:%s*%s*%s**1", code, mod[pick(sizeof mod / sizeof *mod)], a, b);
			date(d, dos);
			seg(&l, "DTM*472*%s", d);
			money(a, sizeof a, ch - allowed);
			seg(&l, "CAS*CO*45*%s", a);
			if (copay && !claim_pr) {
				money(a, sizeof a, copay);
				seg(&l, "CAS*PR*3*%s", a);
			}
			seg(&l, "REF*6R*%d%04d%02d", n, k, i + 1);
			money(a, sizeof a, allowed);
			seg(&l, "AMT*B6*%s", a);
			if (!pick(8))
				seg(&l, "LQ*HE*%s", pick(2) ? "N130" : "M15");
		}
		money(a, sizeof a, charge), money(b, sizeof b, paid), money(e, sizeof e, pr);
		seg(&c, "CLP*PC%07d%03d*1*%s*%s*%s*12*26%09d*11*1", n, k, a, b, pr ? e : "", (int)(rnd() % 1000000000));
		if (pr && claim_pr)
			seg(&c, "CAS*PR*3*%s", e);
		seg(&c, "NM1*QC*1*%s*%s*%c***MI*W%09d", family[pick(26)], given[pick(22)], 'A' + pick(26), (int)(rnd() % 1000000000));
		if (!pick(3))
			seg(&c, "NM1*82*1*%s*%s****XX*1%09d", family[pick(26)], given[pick(22)], (int)(rnd() % 1000000000));
		date(d, dos);
		seg(&c, "DTM*232*%s", d);
		seg(&c, "DTM*233*%s", d);
		date(d, pay_day - 3);
		seg(&c, "DTM*050*%s", d);
		money(f, sizeof f, paid + pr);
		seg(&c, "AMT*AU*%s", f);
		put(&c.b, "%.*s", (int)l.b.len, l.b.p);
		c.segs += l.segs;
		c.total += l.total;
		free(l.b.p);
		total_paid += paid;
	}
	char a[16], d[9];
	int payer = pick(40);
	money(a, sizeof a, total_paid);
	date(d, pay_day);
	g->segs = 0;
	seg(g, "ST*835*%04d*005010X221A1", n);
	seg(g, "BPR*I*%s*C*ACH*CCP*01*0%08d*DA*%09d*1%09d**01*0%08d*DA*%09d*%s", a, 11000000 + payer * 7,
	    (int)(rnd() % 1000000000), 512345678 + payer, 21000021 + n % 97, (int)(rnd() % 1000000000), d);
	seg(g, "TRN*1*%010d*1%09d", 700000000 + n, 512345678 + payer);
	seg(g, "DTM*405*%s", d);
	seg(g, "N1*PR*%s HEALTH PLAN", family[payer % 26]);
	seg(g, "N3*%d %s PLAZA", 100 + payer * 13, street[payer % 8]);
	seg(g, "N4*%s*%s*%s", city[payer % 6][0], city[payer % 6][1], city[payer % 6][2]);
	seg(g, "REF*2U*PY%05d", payer);
	seg(g, "PER*BL*PROVIDER SERVICES*TE*800555%04d*UR*WWW.EXAMPLE.ORG", payer);
	seg(g, "N1*PE*%s FAMILY MEDICINE*XX*1%09d", family[n % 26], 245319599 + n % 50);
	seg(g, "N3*%d %s STREET", 10 + n % 900, street[n % 8]);
	seg(g, "N4*%s*%s*%s", city[n % 6][0], city[n % 6][1], city[n % 6][2]);
	seg(g, "REF*TJ*%09d", 123456789 + n % 50);
	seg(g, "LX*1");
	put(&g->b, "%.*s", (int)c.b.len, c.b.p);
	g->segs += c.segs;
	g->total += c.total;
	free(c.b.p);
	seg(g, "SE*%d*%04d", g->segs + 1, n);
}

/* One 837P transaction set (one batch) into g->b. */
static void one_837(gen *g, int n)
{
	int day = 70 + pick(290);
	char d[9], a[16];
	date(d, day);
	g->segs = 0;
	seg(g, "ST*837*%04d*005010X222A1", n);
	seg(g, "BHT*0019*00*B%08d*%s*1200*CH", n, d);
	seg(g, "NM1*41*2*PRAXIS BENCH GROUP*****46*PBG%05d", n % 50);
	seg(g, "PER*IC*BILLING OFFICE*TE*5555551212*EM*BILLING@EXAMPLE.ORG");
	seg(g, "NM1*40*2*CLEARINGHOUSE*****46*CH00417");
	seg(g, "HL*1**20*1");
	seg(g, "PRV*BI*PXC*207Q00000X");
	seg(g, "NM1*85*2*%s FAMILY MEDICINE*****XX*1%09d", family[n % 26], 245319599 + n % 50);
	seg(g, "N3*%d %s STREET", 10 + n % 900, street[n % 8]);
	seg(g, "N4*%s*%s*%s1234", city[n % 6][0], city[n % 6][1], city[n % 6][2]);
	seg(g, "REF*EI*%09d", 123456789 + n % 50);
	int hl = 1, nsubs = 100 + pick(201);
	for (int s = 0; s < nsubs; s++) {
		int payer = pick(40), c = pick(6);
		seg(g, "HL*%d*1*22*0", ++hl);
		seg(g, "SBR*P*18*G%06d******%s", pick(1000000), payer % 5 ? "CI" : "MB");
		seg(g, "NM1*IL*1*%s*%s*%c***MI*W%09d", family[pick(26)], given[pick(22)], 'A' + pick(26), (int)(rnd() % 1000000000));
		seg(g, "N3*%d %s %s", 1 + pick(9999), street[pick(8)], pick(2) ? "ROAD" : "LANE");
		seg(g, "N4*%s*%s*%s%04d", city[c][0], city[c][1], city[c][2], pick(10000));
		char dob[9];
		date(dob, pick(365));
		dob[2] = (char)('4' + pick(6)), dob[3] = (char)('0' + pick(10)), dob[0] = '1', dob[1] = '9';
		seg(g, "DMG*D8*%s*%c", dob, pick(2) ? 'F' : 'M');
		seg(g, "NM1*PR*2*%s HEALTH PLAN*****PI*PY%05d", family[payer % 26], payer);
		int nclaims = 1 + pick(3);
		for (int k = 0; k < nclaims; k++) {
			int nlines = 1 + pick(4), dos = day - 3 - pick(60), ndx = 1 + pick(4);
			long charges[4], total = 0;
			for (int i = 0; i < nlines; i++)
				total += charges[i] = 4000 + pick(40000);
			money(a, sizeof a, total);
			seg(g, "CLM*PC%07d%03d%d*%s***11:B:1*Y*A*Y*Y", n, s, k, a);
			if (!pick(5))
				seg(g, "REF*G1*PA%08d", pick(100000000));
			put(&g->b, "HI*ABK:%s", icd[pick(16)]);
			for (int x = 1; x < ndx; x++)
				put(&g->b, "*ABF:%s", icd[pick(16)]);
			seg(g, "%s", "");
			if (!pick(3)) {
				seg(g, "NM1*82*1*%s*%s****XX*1%09d", family[pick(26)], given[pick(22)], (int)(rnd() % 1000000000));
				seg(g, "PRV*PE*PXC*207Q00000X");
			}
			for (int i = 0; i < nlines; i++) {
				seg(g, "LX*%d", i + 1);
				money(a, sizeof a, charges[i]);
				const char *code = cpt[pick(sizeof cpt / sizeof *cpt)];
				char ptr[8] = "1";
				if (ndx > 1 && pick(2))
					snprintf(ptr, sizeof ptr, "1:%d", 2 + pick(ndx - 1));
				if (pick(3))
					seg(g, "SV1*HC:%s*%s*UN*%d***%s", code, a, 1 + !pick(5), ptr);
				else
					seg(g, "SV1*HC:%s:%s*%s*UN*1***%s", code, mod[pick(sizeof mod / sizeof *mod)], a, ptr);
				date(d, dos);
				seg(g, "DTP*472*D8*%s", d);
				if (!pick(4))
					seg(g, "REF*6R*%d%03d%d%d", n, s, k, i + 1);
			}
		}
	}
	seg(g, "SE*%d*%04d", g->segs + 1, n);
}

/* Writes transaction sets until the file holds `bytes`; returns the segments written. */
static int64_t generate(const char *path, const char *term, bool is835, double bytes)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return perror(path), exit(1), 0;
	write_isa(f, term, is835 ? "HP" : "HC", is835 ? "005010X221A1" : "005010X222A1");
	gen g = {.term = term};
	int sets = 0;
	while ((double)ftell(f) < bytes) {
		g.b.len = 0;
		if (is835)
			one_835(&g, ++sets);
		else
			one_837(&g, ++sets);
		fwrite(g.b.p, 1, g.b.len, f);
	}
	write_trailers(f, term, sets);
	free(g.b.p);
	if (fclose(f))
		return perror(path), exit(1), 0;
	return g.total + 4; /* ISA, GS, GE, IEA */
}

typedef struct result {
	double seconds;
	int64_t bytes, segments;
} result;

/* With `validate`, each transaction set also goes through the implementation guide's checks
 * (guide.h), as praxis x12 validate does. */
static result parse_once(const char *path, bool validate)
{
	err e = ERR_INIT;
	static x12_envelope v;
	static x12_seg s;
	static x12_guide g;
	memset(&g, 0, sizeof g);
	double t = now_s();
	x12_reader *r = x12_open_file(path, &e);
	if (!r) {
		fprintf(stderr, "bench_x12: %s: %s\n", path, e.msg);
		exit(1);
	}
	x12_envelope_init(&v);
	int rc;
	long last = 1;
	while ((rc = x12_next(r, &s, &e)) == 1) {
		x12_envelope_step(&v, &s);
		last = s.line;
		if (validate)
			x12_guide_feed(&g, &v, &s);
	}
	x12_envelope_end(&v, last);
	result res = {now_s() - t, x12_bytes(r), v.total_segments};
	x12_close(r);
	if (rc < 0) {
		fprintf(stderr, "bench_x12: %s: %s\n", path, e.msg);
		exit(1);
	}
	if (v.total_issues) {
		fprintf(stderr, "bench_x12: %s: the envelope has %d issues, the first: line %ld: %s: %s\n", path, v.total_issues,
			v.issues[0].line, v.issues[0].segment, v.issues[0].message);
		exit(1);
	}
	return res;
}

static void measure(const char *label, const char *path, int64_t written, bool validate)
{
	result best = {0};
	for (int i = 0; i < 3; i++) {
		result r = parse_once(path, validate);
		if (r.segments != written) {
			fprintf(stderr, "bench_x12: %s: read %lld segments, %lld were written\n", path, (long long)r.segments,
				(long long)written);
			exit(1);
		}
		if (!i || r.seconds < best.seconds)
			best = r;
	}
	printf("x12 %s %s (%.1f MB): %.0f MB/s, %.1fM segments/s  [%lld segments, best of 3: %.3f s]\n", validate ? "validate" : "parse", label,
	       best.bytes / 1e6, best.bytes / 1e6 / best.seconds, best.segments / 1e6 / best.seconds,
	       (long long)best.segments, best.seconds);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	double mb = argc > 2 ? atof(argv[2]) : 64;
	if (mb <= 0) {
		fprintf(stderr, "usage: bench_x12 [DIR [MB]]\n");
		return 2;
	}
	char p835[1024], p837[1024];
	snprintf(p835, sizeof p835, "%s/praxis-bench-835.x12", dir);
	snprintf(p837, sizeof p837, "%s/praxis-bench-837p.x12", dir);
	double t = now_s();
	int64_t n835 = generate(p835, "~", true, mb * 1e6);
	int64_t n837 = generate(p837, "~\n", false, mb * 1e6);
	printf("x12 files generated in %.1f s: %s (%lld segments), %s (%lld segments)\n", now_s() - t, p835, (long long)n835,
	       p837, (long long)n837);
	measure("835", p835, n835, false);
	measure("837P", p837, n837, false);
	measure("835", p835, n835, true);
	measure("837P", p837, n837, true);
	return 0;
}
