/* ack.c: the acknowledgment of an inbound file: a TA1 when its interchange envelope is in
 * error, else a 999 (005010X231A1) per functional group with the sets accepted or rejected,
 * the segments in error (IK3, with their position in the set and loop), the elements in error
 * (IK4, with the component) and the reason codes; one answering interchange per inbound one. */
#include "formats/x12/ack.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* The first interchange-level issue of interchange ic (1-based), or NULL. */
static const x12_issue *interchange_issue(const x12_envelope *v, int ic)
{
	for (int i = 0; i < v->nissues; i++)
		if (v->issues[i].level == 'I' && (v->issues[i].interchange == ic || !v->issues[i].interchange))
			return &v->issues[i];
	return NULL;
}

/* One 999 for group g: its sets, each accepted or rejected with its segments in error. */
static int ack_group(const x12_envelope *v, int g, char *control, x12_writer *w, err *e)
{
	const x12_ack_info *a = &v->ack;
	int first = a->groups[g].first_set, n = a->groups[g].nsets, accepted = 0;
	if (x12w_set(w, "999", control, "005010X231A1", e) ||
	    x12w_seg(w, e, "AK1", a->groups[g].fid, a->groups[g].control, a->groups[g].version, NULL))
		return -1;
	for (int k = 0; k < n; k++) {
		int tx = first + k + 1; /* issue.transaction is 1-based across the file */
		char codes[5][4] = {{0}};
		int ncodes = 0;
		if (x12w_seg(w, e, "AK2", a->sets[first + k].id, a->sets[first + k].control, NULL))
			return -1;
		const x12_issue *open = NULL; /* the segment the last IK3 named, for its IK4s */
		for (int i = 0; i < v->nissues; i++) {
			const x12_issue *x = &v->issues[i];
			if (x->transaction != tx)
				continue;
			if (x->level == 'S' || x->level == 'E') {
				char pos[12], el[16];
				snprintf(pos, sizeof pos, "%d", x->position);
				bool same = open && open->level == 'E' && x->level == 'E' && open->line == x->line && !strcmp(open->segment, x->segment);
				char loop[5]; /* IK303 holds 4 characters: the loop's number ("2010" of 2010AA) */
				snprintf(loop, sizeof loop, "%s", x->loop);
				/* a segment without a readable id cannot be named in IK301: IK5 alone says it */
				if (!same && x12_segment_id_ok(x->segment) &&
				    x12w_seg(w, e, "IK3", x->segment, pos, loop, x->level == 'E' ? "8" : x->code, NULL))
					return -1;
				open = x;
				if (x->level == 'E') {
					if (x->component)
						snprintf(el, sizeof el, "%d" X12_COMP "%d", x->element, x->component);
					else
						snprintf(el, sizeof el, "%d", x->element);
					if (x12w_seg(w, e, "IK4", el, "", x->code, NULL))
						return -1;
				}
				if (ncodes < 5 && !(ncodes && !strcmp(codes[ncodes - 1], "5")))
					strcpy(codes[ncodes++], "5");
			} else if (x->level == 'T' && ncodes < 5)
				strcpy(codes[ncodes++], x->code);
		}
		if (!ncodes)
			accepted++;
		if (x12w_seg(w, e, "IK5", ncodes ? "R" : "A", codes[0], codes[1], codes[2], codes[3], codes[4], NULL))
			return -1;
	}
	/* the group's own errors: the first five */
	char gcodes[5][4] = {{0}};
	int ng = 0;
	for (int i = 0; i < v->nissues && ng < 5; i++)
		if (v->issues[i].level == 'G' && v->issues[i].group == g + 1)
			strcpy(gcodes[ng++], v->issues[i].code);
	char nin[12], nrec[12], nacc[12];
	snprintf(nin, sizeof nin, "%d", n);
	snprintf(nrec, sizeof nrec, "%d", n);
	snprintf(nacc, sizeof nacc, "%d", accepted);
	const char *status = ng || accepted == 0 ? "R" : accepted < n ? "P" : "A";
	return x12w_seg(w, e, "AK9", status, nin, nrec, nacc, gcodes[0], gcodes[1], gcodes[2], gcodes[3], gcodes[4], NULL) ||
			       x12w_end(w, e)
		       ? -1
		       : 0;
}

int x12_ack_write(const x12_envelope *v, x12_writer *w, long control, long long when, err *e)
{
	const x12_ack_info *a = &v->ack;
	if (!v->interchanges)
		return err_set(e, ERR_UNPROCESSABLE, "the file holds no interchange to acknowledge");
	long group_control = control;
	int written = 0;
	for (int i = 0; i < a->nics; i++) {
		const typeof(a->ics[0]) *ic = &a->ics[i];
		const x12_issue *bad = interchange_issue(v, i + 1);
		/* acknowledgments (999 groups, FA) are not acknowledged in turn */
		int answer = 0;
		for (int g = ic->first_group; g < ic->first_group + ic->ngroups; g++)
			answer += strcmp(a->groups[g].fid, "FA") != 0;
		if (!bad && ic->ngroups && !answer)
			continue;
		/* answered to the sender: the parties swap */
		x12_isa isa = {ic->isa07, ic->isa08, ic->isa05, ic->isa06, control + written++, 'P', when};
		if (x12w_interchange(w, &isa, e))
			return -1;
		if (bad || !ic->ngroups) {
			if (x12w_seg(w, e, "TA1", ic->isa13, ic->isa09, ic->isa10, bad ? "R" : "A", bad ? bad->code : "000", NULL) ||
			    x12w_end(w, e))
				return -1;
			continue;
		}
		if (x12w_group(w, "FA", ic->isa08, ic->isa06, group_control++, "005010X231A1", e))
			return -1;
		int n = 0;
		for (int g = ic->first_group; g < ic->first_group + ic->ngroups; g++) {
			char ctl[8];
			if (!strcmp(a->groups[g].fid, "FA"))
				continue;
			snprintf(ctl, sizeof ctl, "%04d", ++n);
			if (ack_group(v, g, ctl, w, e))
				return -1;
		}
		if (x12w_end(w, e) || x12w_end(w, e))
			return -1;
	}
	return written ? 0 : err_set(e, ERR_UNPROCESSABLE, "the file holds only acknowledgments, which are not acknowledged");
}
