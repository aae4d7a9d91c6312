// Paper EOBs and the denial and collection reports: their API shapes and calls. A paper EOB
// is posted with the Idempotency-Key of its dialog (a double click posts once); its answer
// is the remittance it became, as an 835 import answers.
import { api } from './api';
import type { Period, RemitImport } from './types';

// ---- Paper EOBs (POST /claims/{id}/eob) ----

export type EobMethod = 'check' | 'eft' | 'other';

/** The adjustment groups (CAS01) a paper EOB may carry. */
export const EOB_GROUPS = ['CO', 'PR', 'OA', 'PI', 'CR'] as const;
export type EobGroup = (typeof EOB_GROUPS)[number];

export interface EobAdjustment {
  group: EobGroup;
  /** A CARC: "45". */
  reason: string;
  amount_cents: number;
}

export interface EobLineBody {
  line_no: number;
  paid_cents: number;
  adjustments: EobAdjustment[];
  /** RARCs: "N115". */
  remarks: string[];
}

/** Every line must balance: paid + adjustments = the line's charge. */
export interface EobBody {
  paid_on: string;
  method: EobMethod;
  reference?: string;
  payer_claim_number?: string;
  lines: EobLineBody[];
}

/** The remittance the EOB became (duplicate: the same key posted it before). */
export type EobAnswer = RemitImport;

export const eobCalls = {
  post: (claimId: number, body: EobBody, key: string) => api.post<EobAnswer>(`/claims/${claimId}/eob`, body, { 'Idempotency-Key': key }),
};

// ---- Denials of a period (GET /reports/denials) ----

export type DenialBy = 'reason' | 'payer';

/** One reason (the first the payer gave: "CO-50") or payer, and how its denials were worked. */
export interface DenialReportRow {
  name: string;
  denials: number;
  amount_cents: number;
  /** Open, appealed or resubmitted. */
  unresolved_cents: number;
  open: number;
  appealed: number;
  resubmitted: number;
  written_off: number;
  closed: number;
}

export interface DenialReport extends Period {
  by: DenialBy;
  /** Largest amount first. */
  rows: DenialReportRow[];
  totals: DenialReportRow;
}

// ---- Patient collections of a period (GET /reports/collections) ----

export interface CollectionsTotals {
  /** What became patients' to pay: self-pay charges, shares from payers, transfers. */
  patient_responsibility_cents: number;
  /** Less refunds. */
  patient_payments_cents: number;
  paid_on_visit_day_cents: number;
  refunds_cents: number;
  /** Patients' balances adjusted or written off. */
  adjusted_cents: number;
  /** Payments / responsibility, a percentage (0–100); null when nothing became patients' to pay. */
  collection_rate: number | null;
}

export type CollectionStage = 'final notice' | 'collections';

/** An account at its final notice or in collections, still owing (now, not at the period's end). */
export interface CollectionsAccount {
  patient_id: number;
  mrn: string;
  name: string;
  stage: CollectionStage;
  last_statement_on: string;
  balance_cents: number;
  last_payment_on: string | null;
}

export interface CollectionsReport extends Period {
  totals: CollectionsTotals;
  /** At most 500. */
  accounts: CollectionsAccount[];
}

export const reportCalls = {
  denials: (by: DenialBy, p: Period, signal?: AbortSignal) => api.get<DenialReport>('/reports/denials', { by, from: p.from, to: p.to }, signal),
  collections: (p: Period, signal?: AbortSignal) => api.get<CollectionsReport>('/reports/collections', { from: p.from, to: p.to }, signal),
};

// ---- The denial worklist's filters (GET /denials?payer_id=&reason=) ----

/** A reason as the worklist takes it: a CARC with its group ("CO-50") or a RARC ("N115"). */
export const REASON_RE = /^(?:(?:CO|PR|OA|PI|CR)-[A-Z0-9]{1,5}|[A-Z]{1,2}[0-9]{1,4})$/;

/** What a person types for a reason, as the worklist takes it: "co 50" and "co50" as "CO-50". */
export function normaliseReason(text: string): string {
  const s = text.trim().toUpperCase();
  const m = /^(CO|PR|OA|PI|CR)\s*-?\s*([A-Z0-9]{1,5})$/.exec(s);
  return m ? `${m[1]}-${m[2]}` : s;
}

/** The Denials worklist showing every denial (any status) with a reason or of a payer. */
export function denialsLink(f: { reason?: string; payerId?: number }): string {
  const q = new URLSearchParams({ status: 'all' });
  if (f.payerId) q.set('payer', String(f.payerId));
  if (f.reason) q.set('reason', f.reason);
  return `/billing/ar/denials?${q.toString()}`;
}
