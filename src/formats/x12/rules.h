/* rules.h: element rules of the 5010 implementation guides, and the data element dictionary.
 *
 * A rule describes one segment in one loop of one guide: how often it may occur there and,
 * element by element, its usage, its data element and the codes the guide allows. Elements
 * are written space-separated in order:
 *
 *     R98=85        required, data element 98, codes "85" only
 *     S1036         situational, data element 1036, any value of its type and length
 *     -             not used by the guide
 *     R(R235=HC,ER:R234:S1339)   a composite: its components the same way, ':'-separated
 *
 * A segment may have several rules in a loop (REF*EI and REF*0B in 2010AA): the rule is the
 * one whose first coded element accepts the segment's value there. The rows of one guide
 * and loop are contiguous. */
#ifndef PRAXIS_X12_RULES_H
#define PRAXIS_X12_RULES_H

typedef struct x12_seg_rule {
	const char *guide;  /* "005010X222": the start of ST03/GS08 */
	const char *loop;   /* loop id as in loops.c ("ST" for the set's own level) */
	const char *seg;
	int max;            /* uses in one loop instance; 0 for unbounded */
	const char *els;
} x12_seg_rule;

/* Ends with a row whose guide is NULL. */
extern const x12_seg_rule x12_rules[];

typedef struct x12_data_element {
	int num;
	const char *type; /* AN, ID, DT, TM, R, N0, N2 */
	int min, max;     /* length: characters, or digits for the numeric types */
} x12_data_element;

/* The dictionary entry of data element `num`, or NULL when no rule uses it. */
const x12_data_element *x12_data_element_find(int num);
/* The whole dictionary (for the tests). */
const x12_data_element *x12_data_elements(int *n);

#endif
