// A paper EOB as the biller types it: the payment (date, method, check or EFT number, the
// payer's claim number) and, for each of the claim's lines, what the payer paid, its
// adjustments (group, CARC, amount) and remarks (RARCs). Whether each line balances (paid +
// adjustments = charge) and what stops it, the "rest is CO-45" fill, and the body the API takes.
import { randomId } from '@mantine/hooks';
import { inputToCents } from '../../../lib/billing';
import { formatMoney, todayIso } from '../../../lib/format';
import type { EobBody, EobGroup, EobMethod } from '../../../lib/reports';
import type { ClaimDetail } from '../../../lib/types';

export interface AdjustmentValues {
  key: string;
  group: EobGroup;
  reason: string;
  amount: number | string;
}

export interface EobLineValues {
  line_no: number;
  charge_cents: number;
  /** Blank is nothing paid. */
  paid: number | string;
  adjustments: AdjustmentValues[];
  /** RARCs as typed: "N115 M15". */
  remarks: string;
}

export interface EobValues {
  paid_on: string | null;
  method: EobMethod;
  reference: string;
  payer_claim_number: string;
  lines: EobLineValues[];
}

export const EOB_METHODS: Record<EobMethod, { label: string; reference: string }> = {
  check: { label: 'Check', reference: 'Check number' },
  eft: { label: 'EFT', reference: 'EFT trace number' },
  other: { label: 'Other / no payment', reference: 'Reference' },
};

/** The adjustments a biller reaches for most, offered as one-press fills of what is left. */
export const REST_AS: { group: EobGroup; reason: string; meaning: string }[] = [
  { group: 'CO', reason: '45', meaning: 'contractual: above the allowed amount' },
  { group: 'PR', reason: '1', meaning: 'deductible' },
  { group: 'PR', reason: '2', meaning: 'coinsurance' },
  { group: 'PR', reason: '3', meaning: 'copay' },
];

export const CARC_RE = /^[A-Z0-9]{1,5}$/;
const RARC_RE = /^[A-Z0-9]{1,5}$/;

export function initialValues(claim: ClaimDetail): EobValues {
  return {
    paid_on: todayIso(),
    method: 'check',
    reference: '',
    payer_claim_number: claim.payer_claim_number ?? '',
    lines: claim.lines.map((l) => ({ line_no: l.line_no, charge_cents: l.charge_cents, paid: '', adjustments: [], remarks: '' })),
  };
}

export function newAdjustment(group: EobGroup = 'CO', reason = '', cents: number | null = null): AdjustmentValues {
  return { key: randomId(), group, reason, amount: cents === null ? '' : cents / 100 };
}

/** "n115, m15" as ["N115", "M15"]. */
export function parseRemarks(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
}

export function remarksProblem(text: string): string | null {
  const bad = parseRemarks(text).filter((r) => !RARC_RE.test(r));
  if (bad.length) return `${bad.join(', ')}: a remark code is 1 to 5 letters and digits, such as N115`;
  return parseRemarks(text).length > 10 ? 'At most 10 remark codes' : null;
}

export function reasonProblem(reason: string): string | null {
  const r = reason.trim().toUpperCase();
  if (!r) return 'Enter the reason code (CARC), such as 45';
  return CARC_RE.test(r) ? null : 'A reason code is 1 to 5 letters and digits, such as 45';
}

export interface LineBalance {
  paid: number;
  adjusted: number;
  /** What the payer's figures leave unexplained: charge − paid − adjustments (negative: too much). */
  rest: number;
  /** What stops this line from being posted, in words; null when it balances and is complete. */
  problem: string | null;
}

export function lineBalance(l: EobLineValues): LineBalance {
  const paid = inputToCents(l.paid) ?? 0;
  const adjusted = l.adjustments.reduce((s, a) => s + (inputToCents(a.amount) ?? 0), 0);
  const rest = l.charge_cents - paid - adjusted;
  const incomplete = l.adjustments.findIndex((a) => reasonProblem(a.reason) || inputToCents(a.amount) === null);
  let problem: string | null = null;
  if (incomplete >= 0) problem = `Adjustment ${incomplete + 1} needs its reason code and amount`;
  else if (remarksProblem(l.remarks)) problem = 'A remark code is not one';
  else if (rest > 0) problem = `${formatMoney(rest)} is not accounted for`;
  else if (rest < 0) problem = `${formatMoney(-rest)} more than the charge`;
  return { paid, adjusted, rest, problem };
}

/** The adjustments with what is left added as `group`-`reason` (to a row of that code when there is one). */
export function withRest(l: EobLineValues, group: EobGroup, reason: string): AdjustmentValues[] {
  const { rest } = lineBalance(l);
  if (rest <= 0) return l.adjustments;
  const i = l.adjustments.findIndex((a) => a.group === group && a.reason.trim().toUpperCase() === reason);
  if (i < 0) return [...l.adjustments, newAdjustment(group, reason, rest)];
  return l.adjustments.map((a, k) => (k === i ? { ...a, amount: ((inputToCents(a.amount) ?? 0) + rest) / 100 } : a));
}

/** The EOB's totals: what the payer paid (the check's amount), adjusted, and left to the patient. */
export function eobTotals(v: EobValues) {
  let charges = 0,
    paid = 0,
    adjusted = 0,
    patient = 0;
  for (const l of v.lines) {
    const b = lineBalance(l);
    charges += l.charge_cents;
    paid += b.paid;
    adjusted += b.adjusted;
    patient += l.adjustments.filter((a) => a.group === 'PR').reduce((s, a) => s + (inputToCents(a.amount) ?? 0), 0);
  }
  return { charges, paid, adjusted, patient };
}

export function toBody(v: EobValues): EobBody {
  const reference = v.reference.trim();
  const icn = v.payer_claim_number.trim();
  return {
    paid_on: v.paid_on ?? todayIso(),
    method: v.method,
    ...(reference ? { reference } : {}),
    ...(icn ? { payer_claim_number: icn } : {}),
    lines: v.lines.map((l) => ({
      line_no: l.line_no,
      paid_cents: inputToCents(l.paid) ?? 0,
      adjustments: l.adjustments.map((a) => ({ group: a.group, reason: a.reason.trim().toUpperCase(), amount_cents: inputToCents(a.amount) ?? 0 })),
      remarks: parseRemarks(l.remarks),
    })),
  };
}

/** The server's words about a line, for the biller: cents as money, a capital first. */
export function lineMessage(message: string): string {
  const m = message
    .replace(/(\d+) cents/g, (_, c: string) => formatMoney(Number(c)))
    .replace(/the line charged (\d+)/, (_, c: string) => `the line charged ${formatMoney(Number(c))}`);
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** The server's name for a field ("lines[1]", "paid_on") as this form's path. */
export function formPath(field: string): string | null {
  const line = /^lines\[(\d+)\]/.exec(field);
  if (line) return `lines.${line[1]}`;
  return ['paid_on', 'method', 'reference', 'payer_claim_number'].includes(field) ? field : null;
}
