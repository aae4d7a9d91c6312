/* loops.c: loop tables of the 5010 transaction sets, and the tracker (see loops.h).
 *
 * Each row: id, parent, trigger segment, qualifier element, qualifiers, the other segments
 * in order with their usage and repeats, the loop's name in the implementation guide, its
 * usage and repeats. The segment lists are parsed once into x12_seg_use arrays. */
#include "formats/x12/loops.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define Q(...) "|" __VA_ARGS__ "|"

/* 837 professional (X222A1) */
static const x12_loop_def l837[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT! SE ", "transaction set header", 'R', 1},
	{"1000A", "ST", "NM1", 1, Q("41"), " PER!:2 ", "submitter", 'R', 1},
	{"1000B", "ST", "NM1", 1, Q("40"), " ", "receiver", 'R', 1},
	{"2000A", "ST", "HL", 3, Q("20"), " PRV CUR ", "billing provider", 'R', 0},
	{"2010AA", "2000A", "NM1", 1, Q("85"), " N3! N4! REF!:3 PER:2 ", "billing provider name", 'R', 1},
	{"2010AB", "2000A", "NM1", 1, Q("87"), " N3! N4! ", "pay-to address", 'S', 1},
	{"2010AC", "2000A", "NM1", 1, Q("PE"), " N3! N4! REF!:2 ", "pay-to plan", 'S', 1},
	{"2000B", "2000A", "HL", 3, Q("22"), " SBR! PAT ", "subscriber", 'R', 0},
	{"2010BA", "2000B", "NM1", 1, Q("IL"), " N3 N4 DMG REF:2 PER ", "subscriber name", 'R', 1},
	{"2010BB", "2000B", "NM1", 1, Q("PR"), " N3 N4 REF:5 ", "payer name", 'R', 1},
	{"2000C", "2000B", "HL", 3, Q("23"), " PAT! ", "patient", 'S', 0},
	{"2010CA", "2000C", "NM1", 1, Q("QC"), " N3! N4! DMG! REF:2 PER ", "patient name", 'R', 1},
	{"2300", "2000B", "CLM", 0, NULL,
	 " DTP:17 PWK:10 CN1 AMT REF:14 K3:10 NTE CR1 CR2 CRC:8 HI!:4 HCP ", "claim information", 'S', 100},
	{"2300", "2000C", "CLM", 0, NULL,
	 " DTP:17 PWK:10 CN1 AMT REF:14 K3:10 NTE CR1 CR2 CRC:8 HI!:4 HCP ", "claim information", 'R', 100},
	{"2310A", "2300", "NM1", 1, Q("DN|P3"), " REF:3 ", "referring provider", 'S', 2},
	{"2310B", "2300", "NM1", 1, Q("82"), " PRV REF:4 ", "rendering provider", 'S', 1},
	{"2310C", "2300", "NM1", 1, Q("77"), " N3! N4! REF:3 PER ", "service facility location", 'S', 1},
	{"2310D", "2300", "NM1", 1, Q("DQ"), " REF:4 ", "supervising provider", 'S', 1},
	{"2310E", "2300", "NM1", 1, Q("PW"), " N3! N4! ", "ambulance pick-up location", 'S', 1},
	{"2310F", "2300", "NM1", 1, Q("45"), " N3! N4! ", "ambulance drop-off location", 'S', 1},
	{"2320", "2300", "SBR", 0, NULL, " CAS:5 AMT:3 OI! MOA ", "other subscriber information", 'S', 10},
	{"2330A", "2320", "NM1", 1, Q("IL"), " N3 N4 REF ", "other subscriber name", 'R', 1},
	{"2330B", "2320", "NM1", 1, Q("PR"), " N3 N4 DTP REF:6 ", "other payer name", 'R', 1},
	{"2330C", "2320", "NM1", 1, Q("DN|P3"), " REF!:3 ", "other payer referring provider", 'S', 2},
	{"2330D", "2320", "NM1", 1, Q("82"), " REF!:3 ", "other payer rendering provider", 'S', 1},
	{"2330E", "2320", "NM1", 1, Q("77"), " REF!:3 ", "other payer service facility location", 'S', 1},
	{"2330F", "2320", "NM1", 1, Q("DQ"), " REF!:3 ", "other payer supervising provider", 'S', 1},
	{"2330G", "2320", "NM1", 1, Q("85"), " REF!:2 ", "other payer billing provider", 'S', 1},
	{"2400", "2300", "LX", 0, NULL,
	 " SV1! SV5 PWK:11 CR1 CR3 CRC:5 DTP!:11 QTY:2 MEA:5 CN1 REF:17 AMT:2 K3:10 NTE:2 PS1 HCP ", "service line", 'R', 50},
	{"2410", "2400", "LIN", 0, NULL, " CTP! REF ", "drug identification", 'S', 1},
	{"2420A", "2400", "NM1", 1, Q("82"), " PRV REF:20 ", "rendering provider", 'S', 1},
	{"2420B", "2400", "NM1", 1, Q("QB"), " REF:20 ", "purchased service provider", 'S', 1},
	{"2420C", "2400", "NM1", 1, Q("77"), " N3! N4! REF:3 ", "line service facility", 'S', 1},
	{"2420D", "2400", "NM1", 1, Q("DQ"), " REF:20 ", "line supervising provider", 'S', 1},
	{"2420E", "2400", "NM1", 1, Q("DK"), " N3 N4 REF:20 PER ", "ordering provider", 'S', 1},
	{"2420F", "2400", "NM1", 1, Q("DN|P3"), " REF:20 ", "line referring provider", 'S', 2},
	{"2420G", "2400", "NM1", 1, Q("PW"), " N3! N4! ", "line ambulance pick-up", 'S', 1},
	{"2420H", "2400", "NM1", 1, Q("45"), " N3! N4! ", "line ambulance drop-off", 'S', 1},
	{"2430", "2400", "SVD", 0, NULL, " CAS:5 DTP! AMT ", "line adjudication", 'S', 15},
	{"2440", "2400", "LQ", 0, NULL, " FRM!:99 ", "form identification", 'S', 0},
};

static const x12_loop_def l835[] = {
	{"ST", NULL, "ST", 0, NULL, " BPR! TRN! CUR REF:2 DTM PLB:* SE ", "header and provider adjustments", 'R', 1},
	{"1000A", "ST", "N1", 1, Q("PR"), " N3! N4! REF:4 PER!:* ", "payer identification", 'R', 1},
	{"1000B", "ST", "N1", 1, Q("PE"), " N3 N4 REF:* RDM ", "payee identification", 'R', 1},
	{"2000", "ST", "LX", 0, NULL, " TS3 TS2 ", "header number", 'S', 0},
	{"2100", "2000", "CLP", 0, NULL, " CAS:99 NM1!:7 MIA MOA REF:15 DTM:4 PER:2 AMT:13 QTY:14 ", "claim payment information", 'R', 0},
	{"2110", "2100", "SVC", 0, NULL, " DTM:2 CAS:99 REF:24 AMT:9 QTY:6 LQ:99 ", "service payment information", 'S', 999},
};

static const x12_loop_def l999[] = {
	{"ST", NULL, "ST", 0, NULL, " AK1! AK9! SE ", "functional group response", 'R', 1},
	{"2000", "ST", "AK2", 0, NULL, " IK5! ", "transaction set response", 'S', 0},
	{"2100", "2000", "IK3", 0, NULL, " CTX:10 ", "error identification", 'S', 0},
	{"2110", "2100", "IK4", 0, NULL, " CTX:10 ", "implementation data element note", 'S', 0},
};

/* 277 claim status response (X212) */
static const x12_loop_def l277[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT! SE ", "transaction set header", 'R', 1},
	{"2000A", "ST", "HL", 3, Q("20"), " ", "information source", 'R', 0},
	{"2100A", "2000A", "NM1", 1, Q("PR"), " PER ", "payer name", 'R', 1},
	{"2000B", "2000A", "HL", 3, Q("21"), " ", "information receiver", 'R', 0},
	{"2100B", "2000B", "NM1", 1, Q("41"), " ", "information receiver name", 'R', 1},
	{"2200B", "2000B", "TRN", 0, NULL, " STC!:* ", "information receiver status", 'S', 1},
	{"2000C", "2000B", "HL", 3, Q("19"), " ", "service provider", 'S', 0},
	{"2100C", "2000C", "NM1", 1, Q("1P"), " ", "provider name", 'R', 2},
	{"2200C", "2000C", "TRN", 0, NULL, " STC!:* ", "provider status", 'S', 1},
	{"2000D", "2000C", "HL", 3, Q("22"), " DMG ", "subscriber", 'S', 0},
	{"2100D", "2000D", "NM1", 1, Q("IL"), " ", "subscriber name", 'R', 1},
	{"2200D", "2000D", "TRN", 0, NULL, " STC!:* REF:6 DTP ", "claim status tracking", 'S', 0},
	{"2220D", "2200D", "SVC", 0, NULL, " STC!:* REF DTP! ", "service line information", 'S', 0},
	{"2000E", "2000D", "HL", 3, Q("23"), " DMG ", "dependent", 'S', 0},
	{"2100E", "2000E", "NM1", 1, Q("QC"), " ", "dependent name", 'R', 1},
	{"2200E", "2000E", "TRN", 0, NULL, " STC!:* REF:6 DTP ", "claim status tracking", 'R', 0},
	{"2220E", "2200E", "SVC", 0, NULL, " STC!:* REF DTP! ", "service line information", 'S', 0},
};

/* 277CA claim acknowledgment (X214) */
static const x12_loop_def l277ca[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT! SE ", "transaction set header", 'R', 1},
	{"2000A", "ST", "HL", 3, Q("20"), " ", "information source", 'R', 0},
	{"2100A", "2000A", "NM1", 1, Q("PR|AY"), " ", "information source name", 'R', 1},
	{"2200A", "2000A", "TRN", 0, NULL, " DTP!:2 ", "transmission receipt control", 'R', 0},
	{"2000B", "2000A", "HL", 3, Q("21"), " ", "information receiver", 'R', 1},
	{"2100B", "2000B", "NM1", 1, Q("41"), " ", "information receiver name", 'R', 1},
	{"2200B", "2000B", "TRN", 0, NULL, " STC!:* QTY:2 AMT:2 ", "information receiver status", 'R', 1},
	{"2000C", "2000B", "HL", 3, Q("19"), " ", "billing provider of service", 'R', 0},
	{"2100C", "2000C", "NM1", 1, Q("85"), " ", "billing provider name", 'R', 0},
	{"2200C", "2000C", "TRN", 0, NULL, " STC:* REF QTY:2 AMT:2 ", "provider of service status", 'S', 1},
	{"2000D", "2000C", "HL", 3, Q("PT"), " ", "patient", 'R', 0},
	{"2100D", "2000D", "NM1", 1, Q("QC"), " ", "patient name", 'R', 1},
	{"2200D", "2000D", "TRN", 0, NULL, " STC!:* REF:3 DTP! ", "claim status tracking", 'S', 0},
	{"2220D", "2200D", "SVC", 0, NULL, " STC! REF:2 DTP ", "service line information", 'S', 0},
};

/* 276 claim status request (X212) */
static const x12_loop_def l276[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT! SE ", "transaction set header", 'R', 1},
	{"2000A", "ST", "HL", 3, Q("20"), " ", "information source", 'R', 0},
	{"2100A", "2000A", "NM1", 1, Q("PR"), " ", "payer name", 'R', 1},
	{"2000B", "2000A", "HL", 3, Q("21"), " ", "information receiver", 'R', 0},
	{"2100B", "2000B", "NM1", 1, Q("41"), " ", "information receiver name", 'R', 1},
	{"2000C", "2000B", "HL", 3, Q("19"), " ", "service provider", 'R', 0},
	{"2100C", "2000C", "NM1", 1, Q("1P"), " ", "provider name", 'R', 1},
	{"2000D", "2000C", "HL", 3, Q("22"), " DMG ", "subscriber", 'R', 0},
	{"2100D", "2000D", "NM1", 1, Q("IL"), " ", "subscriber name", 'R', 1},
	{"2200D", "2000D", "TRN", 0, NULL, " REF:3 AMT DTP ", "claim status tracking", 'S', 0},
	{"2210D", "2200D", "SVC", 0, NULL, " REF DTP ", "service line information", 'S', 0},
	{"2000E", "2000D", "HL", 3, Q("23"), " DMG! ", "dependent", 'S', 0},
	{"2100E", "2000E", "NM1", 1, Q("QC"), " ", "dependent name", 'R', 1},
	{"2200E", "2000E", "TRN", 0, NULL, " REF:3 AMT DTP ", "claim status tracking", 'R', 0},
	{"2210E", "2200E", "SVC", 0, NULL, " REF DTP ", "service line information", 'S', 0},
};

/* 270 eligibility inquiry and 271 response (X279A1): EQ asks, EB answers */
#define BENEFIT_ENTITY Q("13|1I|1P|2B|36|73|FA|GP|GW|I3|IL|LR|OC|P3|P4|P5|PR|PRP|SEP|TTP|VER|VN|VY|X3|Y2")
static const x12_loop_def l27x[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT! SE ", "transaction set header", 'R', 1},
	{"2000A", "ST", "HL", 3, Q("20"), " AAA:9 ", "information source", 'R', 0},
	{"2100A", "2000A", "NM1", 1, Q("2B|36|GP|P5|PR"), " PER:3 AAA:9 ", "information source name", 'R', 1},
	{"2000B", "2000A", "HL", 3, Q("21"), " ", "information receiver", 'S', 0},
	{"2100B", "2000B", "NM1", 1, Q("1P|2B|36|80|FA|GP|P5|PR"), " REF:9 N3 N4 AAA:9 PRV ", "information receiver name", 'R', 1},
	{"2000C", "2000B", "HL", 3, Q("22"), " TRN:3 ", "subscriber", 'S', 0},
	{"2100C", "2000C", "NM1", 1, Q("IL"), " REF:9 N3 N4 AAA:9 PRV DMG INS HI DTP:9 MPI ", "subscriber name", 'R', 1},
	{"2110C", "2100C", "EQ", 0, NULL, " AMT:2 III:10 REF DTP ", "subscriber eligibility inquiry", 'S', 99},
	{"2110C", "2100C", "EB", 0, NULL, " HSD:9 REF:9 DTP:20 AAA:9 MSG:10 III:10 LS LE ", "subscriber eligibility or benefit", 'S', 0},
	{"2120C", "2110C", "NM1", 1, BENEFIT_ENTITY, " N3 N4 PER:3 PRV ", "subscriber benefit related entity", 'S', 23},
	{"2000D", "2000C", "HL", 3, Q("23"), " TRN:3 ", "dependent", 'S', 0},
	{"2100D", "2000D", "NM1", 1, Q("03"), " REF:9 N3 N4 AAA:9 PRV DMG INS HI DTP:9 MPI ", "dependent name", 'R', 1},
	{"2110D", "2100D", "EQ", 0, NULL, " AMT:2 III:10 REF DTP ", "dependent eligibility inquiry", 'S', 99},
	{"2110D", "2100D", "EB", 0, NULL, " HSD:9 REF:9 DTP:20 AAA:9 MSG:10 III:10 LS LE ", "dependent eligibility or benefit", 'S', 0},
	{"2120D", "2110D", "NM1", 1, BENEFIT_ENTITY, " N3 N4 PER:3 PRV ", "dependent benefit related entity", 'S', 23},
};

#define SET(set, guide, t) {set, guide, t, (int)(sizeof t / sizeof *t)}
static const x12_set_def s837 = SET("837", "005010X222", l837), s835 = SET("835", "005010X221", l835),
			 s999 = SET("999", "005010X231", l999), s277 = SET("277", "005010X212", l277),
			 s277ca = SET("277", "005010X214", l277ca),
			 s276 = SET("276", "005010X212", l276), s270 = SET("270", "005010X279", l27x),
			 s271 = SET("271", "005010X279", l27x);
const x12_set_def *const x12_sets[] = {&s837, &s835, &s999, &s277, &s277ca, &s276, &s270, &s271, NULL};

const x12_set_def *x12_set_lookup(const char *set_id, const char *guide)
{
	for (const x12_set_def *const *d = x12_sets; *d; d++)
		if (!strcmp((*d)->set, set_id) && (!guide || !*guide || !strncmp(guide, (*d)->guide_prefix, strlen((*d)->guide_prefix))))
			return *d;
	return NULL;
}

void x12_track_start(x12_tracker *t, const x12_set_def *def)
{
	t->def = def;
	t->depth = 1;
	t->stack[0] = 0;
}

/* The qualifier of a segment that starts loop l (its trigger already matched). */
static bool qualifies(const x12_loop_def *l, const x12_seg *s)
{
	if (!l->qual_el)
		return true;
	const char *v = x12_el(s, l->qual_el);
	size_t n = strlen(v);
	for (const char *p = l->quals + 1, *q; n && (q = strchr(p, '|')); p = q + 1)
		if ((size_t)(q - p) == n && !memcmp(p, v, n))
			return true;
	return false;
}

/* The parsed segment lists: per set (its index in x12_sets) and loop. */
#define MAX_SETS 16
#define MAX_LOOPS 64
#define MAX_SEGS 24
static struct {
	x12_seg_use seg[MAX_SEGS];
	int n;
	unsigned char kids[MAX_LOOPS]; /* the loops whose parent is this one's id */
	uint32_t trigger[MAX_LOOPS];   /* x12_seg_key of each kid's trigger */
	int nkids;
} lists[MAX_SETS][MAX_LOOPS];
static pthread_once_t parsed = PTHREAD_ONCE_INIT;

_Static_assert(sizeof x12_sets / sizeof *x12_sets <= MAX_SETS + 1, "MAX_SETS is smaller than x12_sets");

static void parse_lists(void)
{
	for (int k = 0; x12_sets[k]; k++) {
		if (x12_sets[k]->nloops > MAX_LOOPS)
			abort(); /* a table outgrew its storage: a build-time mistake */
		const x12_loop_def *L = x12_sets[k]->loops;
		for (int i = 0; i < x12_sets[k]->nloops; i++) {
			for (int j = 1; j < x12_sets[k]->nloops; j++)
				if (!strcmp(L[j].parent, L[i].id)) {
					lists[k][i].trigger[lists[k][i].nkids] = x12_seg_key(L[j].trigger);
					lists[k][i].kids[lists[k][i].nkids++] = (unsigned char)j;
				}
			for (const char *p = L[i].segments; *p;) {
				p += strspn(p, " ");
				size_t n = strcspn(p, " ");
				if (!n)
					break;
				if (lists[k][i].n == MAX_SEGS)
					abort();
				x12_seg_use *u = &lists[k][i].seg[lists[k][i].n++];
				size_t id = strcspn(p, "!: ");
				snprintf(u->id, sizeof u->id, "%.*s", (int)(id < 3 ? id : 3), p);
				u->key = x12_seg_key(u->id);
				u->required = p[id] == '!';
				const char *c = memchr(p, ':', n);
				u->max = !c ? 1 : c[1] == '*' ? 0 : atoi(c + 1);
				p += n;
			}
		}
	}
}

int x12_set_index(const x12_set_def *def)
{
	pthread_once(&parsed, parse_lists);
	for (int k = 0; x12_sets[k]; k++)
		if (x12_sets[k] == def)
			return k;
	abort(); /* not one of the tables */
}

int x12_loop_segments(const x12_set_def *def, int loop, const x12_seg_use **out)
{
	int k = x12_set_index(def);
	*out = lists[k][loop].seg;
	return lists[k][loop].n;
}

int x12_loop_children(const x12_set_def *def, int loop, const unsigned char **out)
{
	int k = x12_set_index(def);
	*out = lists[k][loop].kids;
	return lists[k][loop].nkids;
}

static bool holds(const x12_set_def *def, int loop, uint32_t key)
{
	const x12_seg_use *u;
	int n = x12_loop_segments(def, loop, &u);
	for (int i = 0; i < n; i++)
		if (u[i].key == key)
			return true;
	return false;
}

int x12_track(x12_tracker *t, const x12_seg *s, bool *opened)
{
	*opened = false;
	if (!t->def)
		return -1;
	const x12_loop_def *L = t->def->loops;
	int set = x12_set_index(t->def);
	uint32_t key = x12_seg_key(s->id);
	/* a child loop of the current loop or of an ancestor, the nearest first */
	for (int d = t->depth - 1; d >= 0; d--) {
		const typeof(lists[0][0]) *here = &lists[set][t->stack[d]];
		for (int c = 0; c < here->nkids && d + 1 < X12_MAX_DEPTH; c++)
			if (here->trigger[c] == key && qualifies(&L[here->kids[c]], s)) {
				t->depth = d + 2;
				t->stack[d + 1] = here->kids[c];
				*opened = true;
				return here->kids[c];
			}
	}
	/* else a segment of the current loop or an ancestor */
	for (int d = t->depth - 1; d >= 0; d--)
		if (holds(t->def, t->stack[d], key)) {
			t->depth = d + 1;
			return t->stack[d];
		}
	return -1;
}

void x12_track_path(const x12_tracker *t, char *out, size_t cap)
{
	out[0] = 0;
	for (int d = 1; d < t->depth; d++)
		snprintf(out + strlen(out), cap - strlen(out), "%s%s", d > 1 ? "/" : "", t->def->loops[t->stack[d]].id);
}

static json_t *words(const char *s, char sep)
{
	json_t *a = json_array();
	for (const char *p = s; p && *p;) {
		while (*p == sep)
			p++;
		size_t n = strcspn(p, (char[]){sep, 0});
		if (n)
			json_array_append_new(a, json_stringn(p, n));
		p += n;
	}
	return a;
}

json_t *x12_set_json(const x12_set_def *def)
{
	json_t *a = json_array();
	for (int i = 0; i < def->nloops; i++) {
		const x12_loop_def *l = &def->loops[i];
		const x12_seg_use *u;
		int n = x12_loop_segments(def, i, &u);
		json_t *segs = json_array();
		for (int k = 0; k < n; k++)
			json_array_append_new(segs, json_pack("{s:s, s:b, s:i}", "id", u[k].id, "required", u[k].required, "max", u[k].max));
		json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:i, s:o, s:s#, s:i, s:o, s:s}", "id", l->id, "parent",
						   l->parent ? json_string(l->parent) : json_null(), "trigger", l->trigger,
						   "qualifier_element", l->qual_el, "qualifiers", words(l->quals, '|'), "usage",
						   &l->usage, (size_t)1, "max", l->max, "segments", segs, "name", l->name));
	}
	return a;
}
