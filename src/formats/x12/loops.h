/* loops.h: the loop structure of X12 5010 transaction sets, from the implementation guides.
 *
 * A transaction set is a tree of loops ("2000A" billing provider, "2300" claim, "2400" service
 * line, ...). Each loop starts with a trigger segment, often told apart by a qualifier (HL03
 * "20" is the 2000A loop, NM101 "85" the 2010AA billing provider), and holds a list of other
 * segments in the guide's order. The tracker follows a set segment by segment: a segment
 * starts a child loop of the current loop or of one of its ancestors (the nearest first), or
 * belongs to one of them; anything else is out of place. What the guide requires of each
 * loop and segment (usage, repeats, order, elements) is checked by guide.h on top. Tables exist for 837P (005010X222A1),
 * 835 (X221A1), 999 (X231A1), 277/277CA (X212/X214), 276 (X212) and 270/271 (X279A1); the
 * ids, triggers and qualifiers of those pyx12 has maps for are checked against them in
 * tests/api/x12.test.mjs. Other sets (837I, 834, 4010 files) are read without loops. */
#ifndef PRAXIS_X12_LOOPS_H
#define PRAXIS_X12_LOOPS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "formats/x12/x12.h"

typedef struct x12_loop_def {
	const char *id;        /* "2300"; "ST" for the set's own level */
	const char *parent;    /* id of the enclosing loop; NULL for ST */
	const char *trigger;   /* segment id that starts it */
	int qual_el;           /* element holding the qualifier (1-based), 0 when none */
	const char *quals;     /* accepted qualifier values, "|"-separated ("|DN|P3|") */
	const char *segments;  /* the other segments it holds, in order, space-separated: "N3!" is
				  required, "REF:3" may occur 3 times, "PLB:*" any number; else once */
	const char *name;
	char usage;            /* 'R' required in its parent, 'S' situational */
	int max;               /* repeats in one parent; 0 for unbounded */
} x12_loop_def;

/* A segment id packed in an integer, for quick comparison. */
static inline uint32_t x12_seg_key(const char *id)
{
	uint32_t k = 0;
	for (int i = 0; i < 3 && id[i]; i++)
		k |= (uint32_t)(unsigned char)id[i] << (8 * i);
	return k;
}

/* One entry of a loop's segment list. */
typedef struct x12_seg_use {
	char id[4];
	uint32_t key; /* x12_seg_key(id) */
	bool required;
	int max; /* 0 for unbounded */
} x12_seg_use;

typedef struct x12_set_def {
	const char *set, *guide_prefix; /* ST01, and the start of ST03/GS08 ("005010X222") */
	const x12_loop_def *loops;
	int nloops;
} x12_set_def;

/* The table for a set id and guide (ST03, else GS08), or NULL when there is none. */
const x12_set_def *x12_set_lookup(const char *set_id, const char *guide);
/* Every table, for the documentation and the tests: NULL-terminated. */
extern const x12_set_def *const x12_sets[];
/* def's index in x12_sets. */
int x12_set_index(const x12_set_def *def);
/* The segment list of loop `loop` (an index into def->loops): its length, the entries in *out. */
int x12_loop_segments(const x12_set_def *def, int loop, const x12_seg_use **out);
/* The loops that may open inside loop `loop` (indexes into def->loops, in table order). */
int x12_loop_children(const x12_set_def *def, int loop, const unsigned char **out);

#define X12_MAX_DEPTH 8

typedef struct x12_tracker {
	const x12_set_def *def;
	int stack[X12_MAX_DEPTH]; /* indexes into def->loops; stack[0] is the ST level */
	int depth;
} x12_tracker;

/* Starts a set (at its ST). */
void x12_track_start(x12_tracker *t, const x12_set_def *def);
/* Places a segment: answers the loop it is in (its index in def->loops), -1 when it belongs
 * nowhere here. *opened is set when the segment opened that loop. */
int x12_track(x12_tracker *t, const x12_seg *s, bool *opened);
/* The path of loop indexes from the set down to the current loop ("2000A/2000B/2300"). */
void x12_track_path(const x12_tracker *t, char *out, size_t cap);

/* The table as JSON: [{id, parent, trigger, qualifier_element, qualifiers: [...], usage, max,
 * segments: [{id, required, max}], name}]. */
json_t *x12_set_json(const x12_set_def *def);

#endif
