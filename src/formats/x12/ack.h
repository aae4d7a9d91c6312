/* ack.h: acknowledging an inbound X12 file.
 *
 * After reading a file through the envelope checks (and the guide's, guide.h, which add
 * segment and element errors), x12_ack_write answers it: a TA1 rejecting the interchange when
 * its envelope is in error (TA105 note code: 001 control numbers differ, 021 wrong group
 * count, 022/024 bad structure, 023 cut short), else a 999 per functional group: AK2/IK5 per
 * transaction set (IK5 A or R with its reasons: 3 control numbers differ, 4 wrong segment
 * count, 5 segments in error), IK3 per segment in error with its position in the set and its
 * loop (IK304: 2 unexpected, 3 required and missing, 4 loop over its repeats, 5 over its
 * uses, 7 out of order, 8 element errors), IK4 per element in error (IK403 as in guide.h),
 * and AK9 A, P or R with the counts. The parties of
 * the inbound ISA are swapped. Acknowledgments themselves (999 groups) are not acknowledged:
 * a file of nothing else is refused (ERR_UNPROCESSABLE). */
#ifndef PRAXIS_X12_ACK_H
#define PRAXIS_X12_ACK_H

#include "formats/x12/envelope.h"
#include "formats/x12/writer.h"

int x12_ack_write(const x12_envelope *v, x12_writer *w, long control, long long when, err *e);

#endif
