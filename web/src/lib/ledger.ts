// The journal as the desk and the billing office use it: a patient's account, payments taken
// at the desk (each dialog with its own Idempotency-Key, so a double click posts once),
// reversals, the A/R aging, and the words for entry kinds and payment methods.
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
