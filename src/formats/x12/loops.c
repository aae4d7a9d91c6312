/* loops.c: loop tables of the 5010 transaction sets, and the tracker (see loops.h).
 *
 * Each row: id, parent, trigger segment, qualifier element, qualifiers, the other segments,
 * and the loop's name in the implementation guide. Segments are listed with spaces around
 * each so that " DTP " finds DTP and not DT. */
#include "formats/x12/loops.h"

#include <stdio.h>
#include <string.h>

#define Q(...) "|" __VA_ARGS__ "|"

/* 837 professional (X222A1) */
static const x12_loop_def l837[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT SE ", "transaction set header"},
	{"1000A", "ST", "NM1", 1, Q("41"), " PER ", "submitter"},
	{"1000B", "ST", "NM1", 1, Q("40"), " ", "receiver"},
	{"2000A", "ST", "HL", 3, Q("20"), " PRV CUR ", "billing provider"},
	{"2010AA", "2000A", "NM1", 1, Q("85"), " N3 N4 REF PER ", "billing provider name"},
	{"2010AB", "2000A", "NM1", 1, Q("87"), " N3 N4 ", "pay-to address"},
	{"2010AC", "2000A", "NM1", 1, Q("PE"), " N3 N4 REF ", "pay-to plan"},
	{"2000B", "2000A", "HL", 3, Q("22"), " SBR PAT ", "subscriber"},
	{"2010BA", "2000B", "NM1", 1, Q("IL"), " N3 N4 DMG REF PER ", "subscriber name"},
	{"2010BB", "2000B", "NM1", 1, Q("PR"), " N3 N4 REF ", "payer name"},
	{"2000C", "2000B", "HL", 3, Q("23"), " PAT ", "patient"},
	{"2010CA", "2000C", "NM1", 1, Q("QC"), " N3 N4 DMG REF PER ", "patient name"},
	{"2300", "2000B", "CLM", 0, NULL,
	 " DTP PWK CN1 AMT REF K3 NTE CR1 CR2 CRC HI HCP ", "claim information"},
	{"2300", "2000C", "CLM", 0, NULL,
	 " DTP PWK CN1 AMT REF K3 NTE CR1 CR2 CRC HI HCP ", "claim information"},
	{"2310A", "2300", "NM1", 1, Q("DN|P3"), " REF ", "referring provider"},
	{"2310B", "2300", "NM1", 1, Q("82"), " PRV REF ", "rendering provider"},
	{"2310C", "2300", "NM1", 1, Q("77"), " N3 N4 REF PER ", "service facility location"},
	{"2310D", "2300", "NM1", 1, Q("DQ"), " REF ", "supervising provider"},
	{"2310E", "2300", "NM1", 1, Q("PW"), " N3 N4 ", "ambulance pick-up location"},
	{"2310F", "2300", "NM1", 1, Q("45"), " N3 N4 ", "ambulance drop-off location"},
	{"2320", "2300", "SBR", 0, NULL, " CAS AMT OI MIA MOA ", "other subscriber information"},
	{"2330A", "2320", "NM1", 1, Q("IL"), " N3 N4 REF ", "other subscriber name"},
	{"2330B", "2320", "NM1", 1, Q("PR"), " N3 N4 DTP REF ", "other payer name"},
	{"2330C", "2320", "NM1", 1, Q("DN|P3"), " REF ", "other payer referring provider"},
	{"2330D", "2320", "NM1", 1, Q("82"), " REF ", "other payer rendering provider"},
	{"2330E", "2320", "NM1", 1, Q("77"), " REF ", "other payer service facility location"},
	{"2330F", "2320", "NM1", 1, Q("DQ"), " REF ", "other payer supervising provider"},
	{"2330G", "2320", "NM1", 1, Q("85"), " REF ", "other payer billing provider"},
	{"2400", "2300", "LX", 0, NULL,
	 " SV1 SV5 PWK CR1 CR3 CRC DTP QTY MEA CN1 REF AMT K3 NTE PS1 HCP ", "service line"},
	{"2410", "2400", "LIN", 0, NULL, " CTP REF ", "drug identification"},
	{"2420A", "2400", "NM1", 1, Q("82"), " PRV REF ", "rendering provider"},
	{"2420B", "2400", "NM1", 1, Q("QB"), " REF ", "purchased service provider"},
	{"2420C", "2400", "NM1", 1, Q("77"), " N3 N4 REF ", "line service facility"},
	{"2420D", "2400", "NM1", 1, Q("DQ"), " REF ", "line supervising provider"},
	{"2420E", "2400", "NM1", 1, Q("DK"), " N3 N4 REF PER ", "ordering provider"},
	{"2420F", "2400", "NM1", 1, Q("DN|P3"), " REF ", "line referring provider"},
	{"2420G", "2400", "NM1", 1, Q("PW"), " N3 N4 ", "line ambulance pick-up"},
	{"2420H", "2400", "NM1", 1, Q("45"), " N3 N4 ", "line ambulance drop-off"},
	{"2430", "2400", "SVD", 0, NULL, " CAS DTP AMT ", "line adjudication"},
	{"2440", "2400", "LQ", 0, NULL, " FRM ", "form identification"},
};

static const x12_loop_def l835[] = {
	{"ST", NULL, "ST", 0, NULL, " BPR TRN CUR REF DTM PLB SE ", "header and provider adjustments"},
	{"1000A", "ST", "N1", 1, Q("PR"), " N3 N4 REF PER ", "payer identification"},
	{"1000B", "ST", "N1", 1, Q("PE"), " N3 N4 REF RDM ", "payee identification"},
	{"2000", "ST", "LX", 0, NULL, " TS3 TS2 ", "header number"},
	{"2100", "2000", "CLP", 0, NULL, " CAS NM1 MIA MOA REF DTM PER AMT QTY ", "claim payment information"},
	{"2110", "2100", "SVC", 0, NULL, " DTM CAS REF AMT QTY LQ ", "service payment information"},
};

static const x12_loop_def l999[] = {
	{"ST", NULL, "ST", 0, NULL, " AK1 AK9 SE ", "functional group response"},
	{"2000", "ST", "AK2", 0, NULL, " IK5 ", "transaction set response"},
	{"2100", "2000", "IK3", 0, NULL, " CTX ", "error identification"},
	{"2110", "2100", "IK4", 0, NULL, " CTX ", "implementation data element note"},
};

/* 277 claim status response (X212) and claim acknowledgment (X214) */
static const x12_loop_def l277[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT SE ", "transaction set header"},
	{"2000A", "ST", "HL", 3, Q("20"), " ", "information source"},
	{"2100A", "2000A", "NM1", 1, Q("PR|AY"), " PER ", "payer name"},
	{"2200A", "2000A", "TRN", 0, NULL, " DTP ", "transmission receipt control"},
	{"2000B", "2000A", "HL", 3, Q("21"), " ", "information receiver"},
	{"2100B", "2000B", "NM1", 1, Q("41"), " ", "information receiver name"},
	{"2200B", "2000B", "TRN", 0, NULL, " STC QTY AMT ", "information receiver status"},
	{"2000C", "2000B", "HL", 3, Q("19"), " ", "service or billing provider"},
	{"2100C", "2000C", "NM1", 1, Q("1P|85"), " ", "provider name"},
	{"2200C", "2000C", "TRN", 0, NULL, " STC REF QTY AMT ", "provider status"},
	{"2000D", "2000C", "HL", 3, Q("22|PT"), " DMG ", "subscriber (X212) or patient (X214)"},
	{"2100D", "2000D", "NM1", 1, Q("IL|QC"), " ", "subscriber or patient name"},
	{"2200D", "2000D", "TRN", 0, NULL, " STC REF DTP ", "claim status tracking"},
	{"2220D", "2200D", "SVC", 0, NULL, " STC REF DTP ", "service line information"},
	{"2000E", "2000D", "HL", 3, Q("23"), " DMG ", "dependent"},
	{"2100E", "2000E", "NM1", 1, Q("QC"), " ", "dependent name"},
	{"2200E", "2000E", "TRN", 0, NULL, " STC REF DTP ", "claim status tracking"},
	{"2220E", "2200E", "SVC", 0, NULL, " STC REF DTP ", "service line information"},
};

/* 276 claim status request (X212) */
static const x12_loop_def l276[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT SE ", "transaction set header"},
	{"2000A", "ST", "HL", 3, Q("20"), " ", "information source"},
	{"2100A", "2000A", "NM1", 1, Q("PR"), " ", "payer name"},
	{"2000B", "2000A", "HL", 3, Q("21"), " ", "information receiver"},
	{"2100B", "2000B", "NM1", 1, Q("41"), " ", "information receiver name"},
	{"2000C", "2000B", "HL", 3, Q("19"), " ", "service provider"},
	{"2100C", "2000C", "NM1", 1, Q("1P"), " ", "provider name"},
	{"2000D", "2000C", "HL", 3, Q("22"), " DMG ", "subscriber"},
	{"2100D", "2000D", "NM1", 1, Q("IL"), " ", "subscriber name"},
	{"2200D", "2000D", "TRN", 0, NULL, " REF AMT DTP ", "claim status tracking"},
	{"2210D", "2200D", "SVC", 0, NULL, " REF DTP ", "service line information"},
	{"2000E", "2000D", "HL", 3, Q("23"), " DMG ", "dependent"},
	{"2100E", "2000E", "NM1", 1, Q("QC"), " ", "dependent name"},
	{"2200E", "2000E", "TRN", 0, NULL, " REF AMT DTP ", "claim status tracking"},
	{"2210E", "2200E", "SVC", 0, NULL, " REF DTP ", "service line information"},
};

/* 270 eligibility inquiry and 271 response (X279A1): EQ asks, EB answers */
#define BENEFIT_ENTITY Q("13|1I|1P|2B|36|73|FA|GP|GW|I3|IL|LR|OC|P3|P4|P5|PR|PRP|SEP|TTP|VER|VN|VY|X3|Y2")
static const x12_loop_def l27x[] = {
	{"ST", NULL, "ST", 0, NULL, " BHT SE ", "transaction set header"},
	{"2000A", "ST", "HL", 3, Q("20"), " AAA ", "information source"},
	{"2100A", "2000A", "NM1", 1, Q("2B|36|GP|P5|PR"), " PER AAA ", "information source name"},
	{"2000B", "2000A", "HL", 3, Q("21"), " ", "information receiver"},
	{"2100B", "2000B", "NM1", 1, Q("1P|2B|36|80|FA|GP|P5|PR"), " REF N3 N4 AAA PRV ", "information receiver name"},
	{"2000C", "2000B", "HL", 3, Q("22"), " TRN ", "subscriber"},
	{"2100C", "2000C", "NM1", 1, Q("IL"), " REF N3 N4 AAA PRV DMG INS HI DTP MPI ", "subscriber name"},
	{"2110C", "2100C", "EQ", 0, NULL, " AMT III REF DTP ", "subscriber eligibility inquiry"},
	{"2110C", "2100C", "EB", 0, NULL, " HSD REF DTP AAA MSG III LS LE ", "subscriber eligibility or benefit"},
	{"2120C", "2110C", "NM1", 1, BENEFIT_ENTITY, " N3 N4 PER PRV ", "subscriber benefit related entity"},
	{"2000D", "2000C", "HL", 3, Q("23"), " TRN ", "dependent"},
	{"2100D", "2000D", "NM1", 1, Q("03"), " REF N3 N4 AAA PRV DMG INS HI DTP MPI ", "dependent name"},
	{"2110D", "2100D", "EQ", 0, NULL, " AMT III REF DTP ", "dependent eligibility inquiry"},
	{"2110D", "2100D", "EB", 0, NULL, " HSD REF DTP AAA MSG III LS LE ", "dependent eligibility or benefit"},
	{"2120D", "2110D", "NM1", 1, BENEFIT_ENTITY, " N3 N4 PER PRV ", "dependent benefit related entity"},
};

#define SET(set, guide, t) {set, guide, t, (int)(sizeof t / sizeof *t)}
static const x12_set_def s837 = SET("837", "005010X222", l837), s835 = SET("835", "005010X221", l835),
			 s999 = SET("999", "005010X231", l999), s277 = SET("277", "005010X21", l277),
			 s276 = SET("276", "005010X212", l276), s270 = SET("270", "005010X279", l27x),
			 s271 = SET("271", "005010X279", l27x);
const x12_set_def *const x12_sets[] = {&s837, &s835, &s999, &s277, &s276, &s270, &s271, NULL};

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

static bool qualifies(const x12_loop_def *l, const x12_seg *s)
{
	if (strcmp(l->trigger, s->id))
		return false;
	if (!l->qual_el)
		return true;
	char q[8];
	snprintf(q, sizeof q, "|%.5s|", x12_el(s, l->qual_el));
	return strstr(l->quals, q) != NULL;
}

static bool holds(const x12_loop_def *l, const char *id)
{
	char k[6];
	snprintf(k, sizeof k, " %.3s ", id);
	return strstr(l->segments, k) != NULL;
}

int x12_track(x12_tracker *t, const x12_seg *s, bool *opened)
{
	*opened = false;
	if (!t->def)
		return -1;
	const x12_loop_def *L = t->def->loops;
	/* a child loop of the current loop or of an ancestor, the nearest first */
	for (int d = t->depth - 1; d >= 0; d--) {
		const char *here = L[t->stack[d]].id;
		for (int i = 1; i < t->def->nloops; i++)
			if (L[i].parent && !strcmp(L[i].parent, here) && qualifies(&L[i], s) && d + 1 < X12_MAX_DEPTH) {
				t->depth = d + 2;
				t->stack[d + 1] = i;
				*opened = true;
				return i;
			}
	}
	/* else a segment of the current loop or an ancestor */
	for (int d = t->depth - 1; d >= 0; d--)
		if (holds(&L[t->stack[d]], s->id)) {
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
		json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:i, s:o, s:o, s:s}", "id", l->id, "parent",
						   l->parent ? json_string(l->parent) : json_null(), "trigger", l->trigger,
						   "qualifier_element", l->qual_el, "qualifiers", words(l->quals, '|'), "segments",
						   words(l->segments, ' '), "name", l->name));
	}
	return a;
}
