// The denials report's groupings (by first reason or by payer), what a row's name means
// ("CO-50": not medically necessary) and where a row leads: the Denials worklist filtered by
// that reason or payer.
import { denialsLink, normaliseReason, REASON_RE, type DenialBy, type DenialReportRow } from '../../../lib/reports';
import { COMMON_CARCS } from '../../../lib/remit';
import type { Payer } from '../../../lib/types';

export const DENIAL_BY: { value: DenialBy; label: string; column: string }[] = [
  { value: 'reason', label: 'Reason', column: 'First reason' },
  { value: 'payer', label: 'Payer', column: 'Payer' },
];

export function denialBy(v: string | null): DenialBy {
  return v === 'payer' ? 'payer' : 'reason';
}

/** What a reason code means, when it is a common CARC ("" otherwise, and for payers). */
export function reasonMeaning(by: DenialBy, name: string): string {
  if (by !== 'reason') return '';
  const m = /^[A-Z]{2}-(\w+)$/.exec(name);
  return m ? (COMMON_CARCS[m[1]] ?? '') : '';
}

/** The worklist of a row's denials, when the row names a reason or a payer the worklist can filter by. */
export function rowLink(by: DenialBy, row: DenialReportRow, payers: Payer[] | undefined): string | null {
  if (by === 'reason') {
    const r = normaliseReason(row.name);
    return REASON_RE.test(r) ? denialsLink({ reason: r }) : null;
  }
  const payer = payers?.find((p) => p.name === row.name);
  return payer ? denialsLink({ payerId: payer.id }) : null;
}

export const DENIAL_COLORS = { denied: 'red.7', unresolved: 'orange.5' } as const;
