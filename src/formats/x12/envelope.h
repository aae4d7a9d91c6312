/* envelope.h: the X12 envelopes checked while segments stream by.
 *
 * An interchange (ISA ... IEA) holds functional groups (GS ... GE) holding transaction sets
 * (ST ... SE). The checker follows that nesting segment by segment and reports, with the
 * line, segment and element: a segment outside the envelope where it must be inside, an
 * envelope left open or closed twice, SE01 not the number of segments from ST to SE, GE01 not
 * the number of transaction sets, IEA01 not the number of groups, and trailer control
 * numbers (SE02, GE02, IEA02) that differ from their headers'. It never quotes element values
 * other than control numbers and counts. */
#ifndef PRAXIS_X12_ENVELOPE_H
#define PRAXIS_X12_ENVELOPE_H

#include <jansson.h>

#include "formats/x12/x12.h"

typedef struct x12_issue {
	long line;
	char segment[4];
	int element;       /* 1-based, 0 when the whole segment */
	int component;     /* 1-based within a composite element, 0 otherwise */
	char loop[8];      /* the loop it was found in, "" when none */
	int interchange;   /* 1-based index of the interchange in the file, 0 outside one */
	int group;         /* 1-based index of the functional group in the file, 0 outside one */
	int transaction;   /* 1-based index of the transaction set in the file, 0 outside one */
	int position;      /* the segment's position in its transaction set (ST is 1), 0 outside */
	char level;        /* what it rejects: 'I' interchange, 'G' group, 'T' set, 'S' a segment,
			      'E' an element of a segment */
	char code[4];      /* the acknowledgment's code: TA105, AK905, IK502, IK304 or IK403 */
	char message[160];
} x12_issue;

/* What an acknowledgment reports on: each interchange's parties, its groups and their sets
 * (the first X12_MAX_ACK_ICS interchanges, X12_MAX_ACK_GROUPS groups, X12_MAX_ACK_SETS sets). */
#define X12_MAX_ACK_ICS 256
#define X12_MAX_ACK_GROUPS 256
#define X12_MAX_ACK_SETS 2048
typedef struct x12_ack_info {
	int nics;
	struct {
		char isa05[3], isa06[16], isa07[3], isa08[16], isa09[7], isa10[5], isa13[10];
		int first_group, ngroups; /* into groups[] */
	} ics[X12_MAX_ACK_ICS];
	int ngroups;
	struct {
		char fid[3], control[10], version[13];
		int first_set, nsets; /* into sets[] */
	} groups[X12_MAX_ACK_GROUPS];
	int nsets;
	struct {
		char id[4], control[10];
	} sets[X12_MAX_ACK_SETS];
} x12_ack_info;

typedef struct x12_envelope {
	/* where the reader is */
	int depth;                       /* 0 outside, 1 in ISA, 2 in GS, 3 in ST */
	char isa13[16], gs06[16], st02[16], st01[4], gs08[16];
	long isa_line, gs_line, st_line;
	int groups, sets, segments;      /* in the current ISA, GS and ST */
	/* totals */
	int interchanges, total_groups, total_sets;
	int64_t total_segments;
	/* what was found: the first X12_MAX_ISSUES, and how many in all */
	x12_issue issues[64];
	int nissues, total_issues;
	x12_ack_info ack;
} x12_envelope;

void x12_envelope_init(x12_envelope *v);
/* Takes the next segment. */
void x12_envelope_step(x12_envelope *v, const x12_seg *s);
/* At the end of the input: reports envelopes left open. */
void x12_envelope_end(x12_envelope *v, long last_line);
/* Adds an issue (for other checkers sharing the list); level and code as in x12_issue.
 * Answers it, for the caller to add the loop or component; NULL once the list is full. */
x12_issue *x12_issue_add(x12_envelope *v, char level, const char *code, long line, const char *segment, int element,
		   const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* True for a well-formed segment identifier: 2 or 3 capital letters or digits. */
bool x12_segment_id_ok(const char *id);
/* The issues as JSON: [{line, segment, element, component, loop, transaction, message}]. */
json_t *x12_issues_json(const x12_envelope *v);

#endif
