/* envelope.c: ISA/IEA, GS/GE, ST/SE nesting, counts and control numbers (see envelope.h). */
#include "formats/x12/envelope.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void x12_envelope_init(x12_envelope *v) { memset(v, 0, sizeof *v); }

x12_issue *x12_issue_add(x12_envelope *v, char level, const char *code, long line, const char *segment, int element,
			 const char *fmt, ...)
{
	v->total_issues++;
	if (v->nissues == (int)(sizeof v->issues / sizeof *v->issues))
		return NULL;
	x12_issue *i = &v->issues[v->nissues++];
	memset(i, 0, sizeof *i);
	i->line = line;
	snprintf(i->segment, sizeof i->segment, "%s", segment);
	i->element = element;
	i->interchange = v->depth >= 1 ? v->interchanges : 0;
	i->group = v->depth >= 2 ? v->total_groups : 0;
	i->transaction = v->depth == 3 ? v->total_sets : 0;
	i->position = v->depth == 3 ? v->segments : 0;
	i->level = level;
	snprintf(i->code, sizeof i->code, "%s", code);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(i->message, sizeof i->message, fmt, ap);
	va_end(ap);
	return i;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
	/* control numbers compare without the padding some senders add */
	size_t len = strlen(dst);
	while (len && dst[len - 1] == ' ')
		dst[--len] = 0;
}

bool x12_segment_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9')))
			return false;
	return true;
}

static bool count_is(const char *s, int want)
{
	char *end;
	long n = strtol(s, &end, 10);
	return *s && !*end && n == want;
}

/* A trailer's count (element 1) and control number (element 2) against its envelope's:
 * level and the acknowledgment codes of each mismatch, what is counted, by whom, and the
 * header element holding the control number. */
typedef struct trailer {
	char level;
	const char *count_code, *counted, *holder, *ctl_code, *header;
} trailer;

static void check_trailer(x12_envelope *v, const x12_seg *s, const trailer *t, int count, const char *header_ctl)
{
	if (!count_is(x12_el(s, 1), count))
		x12_issue_add(v, t->level, t->count_code, s->line, s->id, 1, "says %s %s, the %s has %d", x12_el(s, 1), t->counted,
			      t->holder, count);
	char ctl[16];
	copy(ctl, sizeof ctl, x12_el(s, 2));
	if (strcmp(ctl, header_ctl))
		x12_issue_add(v, t->level, t->ctl_code, s->line, s->id, 2, "control number %s differs from %s %s", ctl, t->header,
			      header_ctl);
}

static const trailer iea = {'I', "021", "functional groups", "interchange", "001", "ISA13"},
		     ge = {'G', "5", "transaction sets", "group", "4", "GS06"},
		     se = {'T', "4", "segments", "transaction set", "3", "ST02"};

static const char *const opener[] = {"", "ISA", "GS", "ST"};
static const char *const closer[] = {"", "IEA", "GE", "SE"};

/* Closes what is open down to depth `to`, reporting each trailer that is missing. */
static void close_to(x12_envelope *v, int to, long line, const char *why)
{
	while (v->depth > to) {
		long at = v->depth == 3 ? v->st_line : v->depth == 2 ? v->gs_line : v->isa_line;
		x12_issue_add(v, "?IGT"[v->depth], v->depth == 3 ? "2" : v->depth == 2 ? "3" : "023", line, closer[v->depth], 0, "%s opened on line %ld has no %s %s", opener[v->depth], at,
			      closer[v->depth], why);
		v->depth--;
	}
}

void x12_envelope_step(x12_envelope *v, const x12_seg *s)
{
	const char *id = s->id;
	if (!x12_segment_id_ok(id)) {
		x12_issue_add(v, v->depth == 3 ? 'S' : 'I', v->depth == 3 ? "1" : "024", s->line, "?", 0, "not a segment identifier (2 or 3 capital letters or digits)");
		if (v->depth == 3)
			v->segments++;
		return;
	}
	v->total_segments++;
	if (!strcmp(id, "ISA")) {
		close_to(v, 0, s->line, "before the next ISA");
		if (s->nel < 16)
			x12_issue_add(v, 'I', "022", s->line, "ISA", 0, "has %d elements, 16 are required", s->nel);
		copy(v->isa13, sizeof v->isa13, x12_el(s, 13));
		if (strlen(v->isa13) != 9 || strspn(v->isa13, "0123456789") != 9)
			x12_issue_add(v, 'I', "018", s->line, "ISA", 13, "the interchange control number must be 9 digits");
		v->depth = 1;
		v->isa_line = s->line;
		v->groups = 0;
		x12_ack_info *a = &v->ack;
		if (v->interchanges++ < X12_MAX_ACK_ICS) {
			a->nics = v->interchanges;
			typeof(a->ics[0]) *ic = &a->ics[a->nics - 1];
			snprintf(ic->isa05, sizeof ic->isa05, "%s", x12_el(s, 5));
			copy(ic->isa06, sizeof ic->isa06, x12_el(s, 6));
			snprintf(ic->isa07, sizeof ic->isa07, "%s", x12_el(s, 7));
			copy(ic->isa08, sizeof ic->isa08, x12_el(s, 8));
			snprintf(ic->isa09, sizeof ic->isa09, "%s", x12_el(s, 9));
			snprintf(ic->isa10, sizeof ic->isa10, "%s", x12_el(s, 10));
			snprintf(ic->isa13, sizeof ic->isa13, "%s", v->isa13);
			ic->first_group = a->ngroups;
			ic->ngroups = 0;
		}
	} else if (!strcmp(id, "IEA")) {
		if (v->depth == 0) {
			x12_issue_add(v, 'I', "022", s->line, "IEA", 0, "closes no interchange");
			return;
		}
		close_to(v, 1, s->line, "before the IEA");
		check_trailer(v, s, &iea, v->groups, v->isa13);
		v->depth = 0;
	} else if (!strcmp(id, "GS")) {
		if (v->depth == 0)
			x12_issue_add(v, 'I', "024", s->line, "GS", 0, "outside an interchange");
		close_to(v, 1, s->line, "before the next GS");
		copy(v->gs06, sizeof v->gs06, x12_el(s, 6));
		copy(v->gs08, sizeof v->gs08, x12_el(s, 8));
		if (!*v->gs06)
			x12_issue_add(v, 'G', "6", s->line, "GS", 6, "the group control number is missing");
		v->depth = 2;
		v->gs_line = s->line;
		v->sets = 0;
		v->groups++;
		v->total_groups++;
		x12_ack_info *a = &v->ack;
		/* kept when it is the file's total_groups-th group, so issue.group indexes groups[] */
		if (v->interchanges && v->interchanges <= X12_MAX_ACK_ICS && a->ngroups == v->total_groups - 1 &&
		    a->ngroups < X12_MAX_ACK_GROUPS) {
			snprintf(a->groups[a->ngroups].fid, sizeof a->groups[0].fid, "%s", x12_el(s, 1));
			snprintf(a->groups[a->ngroups].control, sizeof a->groups[0].control, "%s", v->gs06);
			snprintf(a->groups[a->ngroups].version, sizeof a->groups[0].version, "%s", v->gs08);
			a->groups[a->ngroups].first_set = a->nsets;
			a->groups[a->ngroups++].nsets = 0;
			a->ics[a->nics - 1].ngroups++;
		}
	} else if (!strcmp(id, "GE")) {
		if (v->depth < 2) {
			x12_issue_add(v, 'I', "024", s->line, "GE", 0, "closes no functional group");
			return;
		}
		close_to(v, 2, s->line, "before the GE");
		check_trailer(v, s, &ge, v->sets, v->gs06);
		v->depth = 1;
	} else if (!strcmp(id, "ST")) {
		if (v->depth < 2)
			x12_issue_add(v, 'I', "024", s->line, "ST", 0, "outside a functional group");
		close_to(v, 2, s->line, "before the next ST");
		copy(v->st02, sizeof v->st02, x12_el(s, 2));
		copy(v->st01, sizeof v->st01, x12_el(s, 1));
		if (!*v->st02)
			x12_issue_add(v, 'T', "7", s->line, "ST", 2, "the transaction set control number is missing");
		v->depth = 3;
		v->st_line = s->line;
		v->segments = 1;
		v->sets++;
		v->total_sets++;
		x12_ack_info *a = &v->ack;
		/* kept when it is the file's total_sets-th set, so issue.transaction indexes sets[] */
		if (a->ngroups > 0 && a->ngroups == v->total_groups && a->nsets == v->total_sets - 1 && a->nsets < X12_MAX_ACK_SETS) {
			snprintf(a->sets[a->nsets].id, sizeof a->sets[0].id, "%s", v->st01);
			snprintf(a->sets[a->nsets++].control, sizeof a->sets[0].control, "%s", v->st02);
			a->groups[a->ngroups - 1].nsets++;
		}
	} else if (!strcmp(id, "SE")) {
		if (v->depth < 3) {
			x12_issue_add(v, 'G', "5", s->line, "SE", 0, "closes no transaction set");
			return;
		}
		v->segments++;
		check_trailer(v, s, &se, v->segments, v->st02);
		v->depth = 2;
	} else if (v->depth == 3) {
		v->segments++;
	} else if (!strcmp(id, "TA1") && v->depth == 1) {
		/* an interchange acknowledgment sits between ISA and IEA, outside any group */
	} else {
		x12_issue_add(v, v->depth == 2 ? 'G' : 'I', v->depth == 2 ? "5" : "024", s->line, id, 0, "outside a transaction set");
	}
}

void x12_envelope_end(x12_envelope *v, long last_line)
{
	close_to(v, 0, last_line, "before the end of the file");
	if (!v->interchanges)
		x12_issue_add(v, 'I', "023", last_line, "ISA", 0, "the file holds no interchange");
}

json_t *x12_issues_json(const x12_envelope *v)
{
	json_t *a = json_array();
	for (int i = 0; i < v->nissues; i++) {
		const x12_issue *x = &v->issues[i];
		json_array_append_new(a, json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:s}", "line", (json_int_t)x->line, "segment",
						   x->segment, "element", x->element ? json_integer(x->element) : json_null(),
						   "component", x->component ? json_integer(x->component) : json_null(), "loop",
						   *x->loop ? json_string(x->loop) : json_null(), "transaction",
						   x->transaction ? json_integer(x->transaction) : json_null(), "message", x->message));
	}
	return a;
}
