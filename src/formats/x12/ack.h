/* ack.h: acknowledging an inbound X12 file.
 *
 * After reading a file through the envelope checks (and the loop tracker, which adds
 * out-of-place segments), x12_ack_write answers it: a TA1 rejecting the interchange when
 * its envelope is in error (TA105 note code: 001 control numbers differ, 021 wrong group
 * count, 022/024 bad structure, 023 cut short), else a 999 per functional group: AK2/IK5 per
 * transaction set (IK5 A or R with its reasons: 3 control numbers differ, 4 wrong segment
 * count, 5 segments in error), IK3 per segment in error with its position in the set
 * (IK304: 1 unrecognised, 2 unexpected), and AK9 A, P or R with the counts. The parties of
 * the inbound ISA are swapped. */
#ifndef PRAXIS_X12_ACK_H
#define PRAXIS_X12_ACK_H

#include "formats/x12/envelope.h"
#include "formats/x12/writer.h"

int x12_ack_write(const x12_envelope *v, x12_writer *w, long control, long long when, err *e);

#endif
