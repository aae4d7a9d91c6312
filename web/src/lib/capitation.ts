// Capitation: contracts paying per member per month, the payer's monthly rosters, the
// payments reconciled against them member by member, and revenue per member. The API shapes,
// the calls (a payment carries its dialog's Idempotency-Key), the words and colours of a
// month's status, and months as "YYYY-MM".
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { todayIso } from './format';
import { getAll } from './schedule';

export interface CapitationContract {
  id: number;
  payer_id: number;
  name: string;
  effective_from: string;
  effective_to: string | null;
  pmpm_cents: number;
  /** Codes billed fee-for-service, comma-separated ("90686,90471"); "" for none. */
  carve_outs: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ContractBody {
  payer_id: number;
  name: string;
  effective_from: string;
  effective_to: string | null;
  pmpm_cents: number;
  carve_outs: string;
}

export interface RosterMember {
  member_id: string;
  rate_cents: number;
  /** The patient whose coverage with the payer carries the member id; null when none does. */
  patient_id: number | null;
  mrn: string | null;
  patient_name: string | null;
}

export type ReconStatus = 'no roster' | 'not paid' | 'reconciled' | 'underpaid' | 'overpaid';

export interface CapPayment {
  id: number;
  entry_id: number;
  /** Negative: a take-back. */
  amount_cents: number;
  received_on: string;
  method: CapMethod;
  reference: string | null;
  /** The reversal's entry; null while the payment stands. */
  reversed_by: number | null;
}

export interface MemberDifference {
  member_id: string;
  patient_id: number | null;
  expected_cents: number;
  paid_cents: number;
}

export interface Reconciliation {
  contract_id: number;
  month: string;
  members: number;
  matched: number;
  unmatched: number;
  expected_cents: number;
  paid_cents: number;
  difference_cents: number;
  status: ReconStatus;
  payments: CapPayment[];
  /** Only once a standing payment lists its members. */
  unpaid?: MemberDifference[];
  not_on_roster?: MemberDifference[];
  wrong_amount?: MemberDifference[];
}

export interface RosterResult extends Reconciliation {
  /** Rows of the roster sent that were left out: field "members[4]" is the fifth. */
  rejected: { field: string; message: string }[];
}

export interface PaymentResult extends Reconciliation {
  entry_id: number;
  /** The same Idempotency-Key again: the first payment's answer. */
  duplicate: boolean;
}

export type CapMethod = 'eft' | 'check' | 'other';

export interface PaymentBody {
  contract_id: number;
  month: string;
  amount_cents: number;
  method: CapMethod;
  reference?: string;
  received_on?: string;
  members?: { member_id: string; amount_cents: number }[];
}

export interface CapReportRow {
  contract_id: number;
  contract: string;
  payer: string;
  month: string;
  members: number;
  expected_cents: number;
  paid_cents: number;
  revenue_per_member_cents: number;
  visits: number;
  capitated_charges_cents: number;
  charges_per_member_cents: number;
}

export interface CapReport {
  from: string;
  to: string;
  rows: CapReportRow[];
  totals: {
    member_months: number;
    expected_cents: number;
    paid_cents: number;
    revenue_per_member_cents: number;
    visits: number;
    capitated_charges_cents: number;
    visits_per_1000_member_months: number;
  };
}

const base = (id: number) => `/capitation-contracts/${id}`;

export const capitationCalls = {
  contracts: (signal?: AbortSignal) => getAll<CapitationContract>('/capitation-contracts', {}, signal),
  contract: (id: number, signal?: AbortSignal) => api.get<CapitationContract>(base(id), undefined, signal),
  create: (body: ContractBody) => api.post<CapitationContract>('/capitation-contracts', body),
  update: (id: number, body: Record<string, unknown>) => api.patch<CapitationContract>(base(id), body),
  reconciliation: (id: number, month: string, signal?: AbortSignal) => api.get<Reconciliation>(`${base(id)}/reconciliation`, { month }, signal),
  putRoster: (id: number, month: string, members: { member_id: string; rate_cents?: number }[]) =>
    api.put<RosterResult>(`${base(id)}/roster`, { month, members }),
  pay: (body: PaymentBody, key: string) => api.post<PaymentResult>('/capitation-payments', body, { 'Idempotency-Key': key }),
  report: (from: string, to: string, signal?: AbortSignal) => api.get<CapReport>('/reports/capitation', { from, to }, signal),
};

/** Every query of this area starts with one of these keys. */
export const CONTRACTS_KEY = 'capitation-contracts';
export const CAPITATION_KEY = 'capitation';

export function useContracts() {
  return useQuery({ queryKey: [CONTRACTS_KEY, 'all'], queryFn: ({ signal }) => capitationCalls.contracts(signal) });
}

export function useContract(id: number) {
  return useQuery({ queryKey: [CONTRACTS_KEY, id], queryFn: ({ signal }) => capitationCalls.contract(id, signal), enabled: id > 0 });
}

export const reconKey = (id: number, month: string) => [CAPITATION_KEY, 'recon', id, month];

export function useReconciliation(id: number, month: string | null) {
  return useQuery({
    queryKey: reconKey(id, month ?? ''),
    queryFn: ({ signal }) => capitationCalls.reconciliation(id, month!, signal),
    enabled: id > 0 && !!month,
  });
}

/**
 * After a roster, a payment or a reversal: the month's reconciliation as the server answered
 * it (when it did), and everything else of capitation and the A/R loads again.
 */
export function useCapitationChanged() {
  const queryClient = useQueryClient();
  return (answer?: Reconciliation) => {
    if (answer) {
      const { contract_id, month, members, matched, unmatched, expected_cents, paid_cents, difference_cents, status, payments } = answer;
      const recon: Reconciliation = { contract_id, month, members, matched, unmatched, expected_cents, paid_cents, difference_cents, status, payments };
      for (const k of ['unpaid', 'not_on_roster', 'wrong_amount'] as const) if (answer[k]) recon[k] = answer[k];
      queryClient.setQueryData(reconKey(contract_id, month), recon);
    }
    void queryClient.invalidateQueries({ queryKey: [CAPITATION_KEY] });
    void queryClient.invalidateQueries({ queryKey: ['ar'] });
  };
}

/** A month's status: one colour each, always with its words. */
export const RECON_STATUS: Record<ReconStatus, { label: string; color: string }> = {
  'no roster': { label: 'No roster', color: 'gray' },
  'not paid': { label: 'Not paid', color: 'yellow' },
  reconciled: { label: 'Reconciled', color: 'teal' },
  underpaid: { label: 'Underpaid', color: 'red' },
  overpaid: { label: 'Overpaid', color: 'violet' },
};

/** How a payer pays capitation. */
export const CAP_METHODS: Record<CapMethod, string> = {
  eft: 'Bank transfer (EFT)',
  check: 'Check',
  other: 'Other',
};

// ---- Months ("YYYY-MM") ----

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export const thisMonth = (today: string = todayIso()) => today.slice(0, 7);

/** "2026-11" and 2 is "2027-01". */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthCount(from: string, to: string): number {
  const n = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
  return Math.max(0, n(to) - n(from) + 1);
}

/** The first and last month a contract is in force (null: open-ended). */
export function contractMonths(c: Pick<CapitationContract, 'effective_from' | 'effective_to'>): { first: string; last: string | null } {
  return { first: c.effective_from.slice(0, 7), last: c.effective_to ? c.effective_to.slice(0, 7) : null };
}

/** The month nearest to `month` that the contract is in force. */
export function clampMonth(month: string, c: Pick<CapitationContract, 'effective_from' | 'effective_to'>): string {
  const { first, last } = contractMonths(c);
  if (month < first) return first;
  if (last && month > last) return last;
  return month;
}

/** Whether the contract is in force for some of the month. */
export function inForce(month: string, c: Pick<CapitationContract, 'effective_from' | 'effective_to'>): boolean {
  return clampMonth(month, c) === month;
}

/** "90686,90471" as "90686, 90471"; "None" for none. */
export function carveOutsText(carveOuts: string): string {
  return carveOuts ? carveOuts.split(',').join(', ') : 'None';
}
