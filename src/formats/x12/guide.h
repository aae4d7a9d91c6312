/* guide.h: implementation-guide checks of a transaction set, segment by segment.
 *
 * On top of the loop tracker (loops.h) it keeps, for each open loop, what has been seen, and
 * reports with the line, loop, segment and element:
 *   - a segment that belongs nowhere here (999 IK304 code 2), out of the guide's order (7),
 *     used more often than allowed (5), or required and missing when its loop ends (3);
 *   - a loop repeated more often than allowed (4), or required and missing (3, naming the
 *     loop's first segment);
 *   - element errors against the rules (rules.h): required and missing (IK403 1), too many
 *     elements (3), too short (4) or too long (5), a bad character (6), a code the guide
 *     does not allow there (7), a bad date (8) or time (9), and an element the guide does
 *     not use (I10).
 * Element issues have level 'E' and the IK403 code; the others level 'S' and the IK304
 * code. Messages never quote element values (they may be health data). */
#ifndef PRAXIS_X12_GUIDE_H
#define PRAXIS_X12_GUIDE_H

#include "formats/x12/envelope.h"
#include "formats/x12/loops.h"

#define X12_GUIDE_SEGS 24
#define X12_GUIDE_LOOPS 64
#define X12_GUIDE_RULES 48

typedef struct x12_guide {
	x12_tracker t;
	int set;     /* index in x12_sets */
	bool checks; /* false: only place segments in loops (what a parse needs) */
	char gs08[16]; /* the open group's guide, for sets without ST03 (x12_guide_feed) */
	struct {
		long line;                                   /* of the loop's first segment */
		int last;                                    /* index of the last segment seen in its list */
		unsigned short seen[X12_GUIDE_SEGS];         /* uses of each segment of its list */
		unsigned short rule_seen[X12_GUIDE_RULES];   /* uses of each of its rules */
		unsigned short children[X12_GUIDE_LOOPS];    /* instances of each child loop */
	} lv[X12_MAX_DEPTH];
} x12_guide;

/* Starts a set at its ST (def from x12_set_lookup); without `checks` it only places segments
 * in loops and reports those that belong nowhere. */
void x12_guide_start(x12_guide *g, const x12_set_def *def, long line, bool checks);
/* Places and checks a segment between ST and SE: answers its loop (an index into
 * def->loops) or -1 when it belongs nowhere; *opened when it opened that loop. */
int x12_guide_step(x12_guide *g, x12_envelope *v, const x12_seg *s, bool *opened);
/* At the SE: reports what the open loops still lack. */
void x12_guide_end(x12_guide *g, x12_envelope *v);
/* For a reader that needs no loop output: feed it every segment (after x12_envelope_step);
 * it starts each set it has a table for at its ST, checks the segments and ends it at SE. */
void x12_guide_feed(x12_guide *g, x12_envelope *v, const x12_seg *s);

#endif
