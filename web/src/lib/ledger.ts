// The journal as the desk and the billing office use it: a patient's account, payments taken
// at the desk (each dialog with its own Idempotency-Key, so a double click posts once),
// reversals, payment plans, the A/R aging, and the words for entry kinds and payment methods.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import type { AgingBy, ArAging, EntryKind, JournalEntry, MoneyBy, MoneyRow, PatientAccount, PaymentMethod, Period, RevenueCycle } from './types';

/** What each kind of entry is, in the account's "What" column. */
export const ENTRY_KINDS: Record<EntryKind, string> = {
  charge: 'Charge',
  payment: 'Patient payment',
  insurance_payment: 'Insurance payment',
  adjustment: 'Adjustment',
  writeoff: 'Write-off',
  transfer: 'Transfer',
  refund: 'Refund',
  credit_apply: 'Credit applied',
  reversal: 'Reversal',
};

/** Entries people post by hand, which they may reverse. Charges go with their visit, insurance payments with their remittance. */
export const REVERSIBLE: ReadonlySet<EntryKind> = new Set<EntryKind>(['payment', 'adjustment', 'writeoff', 'transfer', 'refund']);

/** How a patient pays at the desk. */
export const PATIENT_PAYMENT_METHODS: Record<PaymentMethod, string> = {
  card: 'Card',
  cash: 'Cash',
  check: 'Check',
  eft: 'Bank transfer (EFT)',
  other: 'Other',
};

/** A fresh key for one posting: the server answers the same key with the first entry again. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

const ACCT_AR_PATIENT = '1110';
const ACCT_CREDIT = '2100';

/** A payment's entry: how much paid down the patient's balances and how much was kept as credit. */
export function paymentSplit(entry: Pick<JournalEntry, 'lines'>): { applied: number; credit: number } {
  const sum = (account: string) => entry.lines.filter((l) => l.account === account).reduce((s, l) => s - l.amount_cents, 0);
  return { applied: sum(ACCT_AR_PATIENT), credit: sum(ACCT_CREDIT) };
}

export interface PaymentBody {
  patient_id: number;
  amount_cents: number;
  method: PaymentMethod;
  reference?: string;
  received_on?: string;
}

export const ledgerCalls = {
  account: (patientId: number, signal?: AbortSignal) => api.get<PatientAccount>(`/patients/${patientId}/account`, undefined, signal),
  pay: (body: PaymentBody, key: string) => api.post<JournalEntry>('/payments', body, { 'Idempotency-Key': key }),
  reverse: (entryId: number, reason: string) => api.post<JournalEntry>(`/journal-entries/${entryId}/reverse`, { reason }),
  aging: (by: AgingBy, asOf: string | null, signal?: AbortSignal) => api.get<ArAging>('/reports/ar-aging', { by, as_of: asOf }, signal),
  revenueCycle: (p: Period, signal?: AbortSignal) => api.get<RevenueCycle>('/reports/revenue-cycle', { from: p.from, to: p.to }, signal),
  money: (by: MoneyBy, p: Period, signal?: AbortSignal) =>
    api.get<{ items: MoneyRow[] }>('/reports/money', { by, from: p.from, to: p.to }, signal).then((r) => r.items),
};

export function usePatientAccount(patientId: number) {
  return useQuery({ queryKey: ['account', patientId], queryFn: ({ signal }) => ledgerCalls.account(patientId, signal) });
}

/** After a posting: the patient's account, the A/R and the worklists load again. */
export function useLedgerChanged() {
  const queryClient = useQueryClient();
  return (patientId?: number) => {
    void queryClient.invalidateQueries({ queryKey: patientId ? ['account', patientId] : ['account'] });
    void queryClient.invalidateQueries({ queryKey: ['ar'] });
  };
}

// ---- Payment plans ----
// A plan is the account's: a dependent's is their family account holder's (the server looks the
// holder up on every call). It spreads what the account owes over installments measured against
// the account's payments since the plan began, holds the account from statement runs while
// active, and has reminders e-mailed (or skipped, with why, for the desk to call).

export type PlanFrequency = 'monthly' | 'biweekly' | 'weekly';
export type PlanStatus = 'active' | 'completed' | 'cancelled';
export type InstallmentStatus = 'paid' | 'part paid' | 'due' | 'late';

/** How often an installment is due, as the desk says it (the order offered). */
export const PLAN_FREQUENCIES: Record<PlanFrequency, string> = { monthly: 'Monthly', biweekly: 'Every 2 weeks', weekly: 'Weekly' };

export interface PlanInstallment {
  due: string;
  amount_cents: number;
  /** What the payments since the plan began cover of it, oldest installment first. */
  paid_cents: number;
  status: InstallmentStatus;
}

export interface PlanReminder {
  due: string;
  /** upcoming: a few days before the installment; late: once it is a week overdue. */
  kind: 'upcoming' | 'late' | string;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | string;
  attempts: number;
  /** "sent", "skipped: no e-mail consent or address", "attempt 2 failed: ..." */
  outcome?: string | null;
  sent_at?: string | null;
}

/** GET /patients/{id}/payment-plan: the account's latest plan (null when it never had one). */
export interface PaymentPlan {
  id: number;
  /** The account holder. */
  patient_id: number;
  status: PlanStatus;
  total_cents: number;
  installment_cents: number;
  frequency: PlanFrequency;
  first_due: string;
  /** The note it was set up with. */
  note: string | null;
  /** Why it was cancelled (null unless it was). */
  cancel_reason: string | null;
  paid_cents: number;
  expected_to_date_cents: number;
  behind_cents: number;
  schedule: PlanInstallment[];
  reminders: PlanReminder[];
}

export interface PlanBody {
  patient_id: number;
  installment_cents: number;
  first_due: string;
  frequency: PlanFrequency;
  /** Left out: what the account owes now. */
  total_cents?: number;
  note?: string;
}

export const planCalls = {
  /**
   * The latest plan, or null when the account never had one (the server answers 200 null: no
   * plan is a state of the account; a 404 is an unknown patient, or another practice's).
   */
  get: (patientId: number, signal?: AbortSignal) => api.get<PaymentPlan | null>(`/patients/${patientId}/payment-plan`, undefined, signal),
  // No Idempotency-Key: the server takes one active plan per account and refuses a second (409).
  create: (body: PlanBody) => api.post<PaymentPlan>('/payment-plans', body),
  cancel: (planId: number, reason: string) => api.post<PaymentPlan>(`/payment-plans/${planId}/cancel`, { reason }),
};

/** Under the patient's ['account', id] key, so a posting that reloads the account reloads the plan too. */
export const planKey = (patientId: number) => ['account', patientId, 'plan'];

/** The account's plan (a dependent's is the holder's), or null when it never had one. */
export function usePaymentPlan(patientId: number) {
  return useQuery({ queryKey: planKey(patientId), queryFn: ({ signal }) => planCalls.get(patientId, signal) });
}

/** The first installment not fully paid, if any. */
export function nextInstallment(plan: Pick<PaymentPlan, 'schedule'>): PlanInstallment | undefined {
  return plan.schedule.find((i) => i.paid_cents < i.amount_cents);
}

/** What is left to pay on the plan. */
export const planRemaining = (plan: Pick<PaymentPlan, 'total_cents' | 'paid_cents'>) => Math.max(plan.total_cents - plan.paid_cents, 0);

/** One colour per age bucket (0-30 … 120+), from fresh to old, in the chart and its legend. */
export const AGING_COLORS = ['teal.6', 'yellow.5', 'orange.6', 'red.6', 'red.9'];

/** One colour per kind of money, in the revenue-cycle and money charts and their legends. */
export const MONEY_COLORS = {
  charges: 'praxis.6',
  payments: 'teal.7',
  adjustments: 'orange.8',
  contractual: 'orange.8',
  other: 'grape.6',
} as const;

/** "0-30" as "0–30 days". */
export function bucketLabel(bucket: string): string {
  return `${bucket.replace('-', '–')} days`;
}
