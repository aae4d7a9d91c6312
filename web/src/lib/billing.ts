// Billing: the look-ups its pages share (payers, code sets), the words for its codes, the
// steps a claim may take next, and where each claim edit points so it can be fixed.
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, errorMessage } from './api';
import { getAll } from './schedule';
import type { Claim, ClaimBatchResult, ClaimDetail, ClaimStatus, CodeSetKind, CodeSetRelease, Coverage, Payer, PayerKind } from './types';

const LOOKUP_STALE = 5 * 60_000;

export function usePayersAll(enabled = true) {
  return useQuery({ queryKey: ['payers', 'all'], queryFn: ({ signal }) => getAll<Payer>('/payers', {}, signal), staleTime: LOOKUP_STALE, enabled });
}

export function useCodeSets() {
  return useQuery({
    queryKey: ['code-sets'],
    queryFn: ({ signal }) => api.get<{ items: CodeSetRelease[] }>('/code-sets', undefined, signal).then((r) => r.items),
    staleTime: LOOKUP_STALE,
  });
}

export function usePatientCoverages(patientId: number | null | undefined) {
  return useQuery({
    queryKey: ['coverages', 'patient', patientId],
    queryFn: ({ signal }) => api.get<{ items: Coverage[] }>(`/patients/${patientId}/coverages`, undefined, signal).then((r) => r.items),
    enabled: Boolean(patientId),
  });
}

export const PAYER_KINDS: Record<PayerKind, string> = {
  commercial: 'Commercial',
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  tricare: 'TRICARE',
  workers_comp: "Workers' compensation",
  auto: 'Auto insurance',
  self_pay: 'Self-pay',
};

/** The X12 claim filing indicator (SBR09) a payer of each kind usually has. */
export const DEFAULT_FILING: Record<PayerKind, string> = {
  commercial: 'CI',
  medicare: 'MB',
  medicaid: 'MC',
  tricare: 'CH',
  workers_comp: 'WC',
  auto: 'AM',
  self_pay: '09',
};

export const FILING_INDICATORS: Record<string, string> = {
  '09': 'Self-pay',
  '11': 'Other non-federal program',
  '12': 'PPO',
  '13': 'Point of service (POS)',
  '14': 'Exclusive provider organisation (EPO)',
  '15': 'Indemnity insurance',
  '16': 'HMO Medicare risk',
  '17': 'Dental maintenance organisation',
  AM: 'Automobile medical',
  BL: 'Blue Cross / Blue Shield',
  CH: 'CHAMPUS (TRICARE)',
  CI: 'Commercial insurance',
  DS: 'Disability',
  FI: 'Federal Employees Program',
  HM: 'Health maintenance organisation (HMO)',
  LM: 'Liability medical',
  MA: 'Medicare Part A',
  MB: 'Medicare Part B',
  MC: 'Medicaid',
  OF: 'Other federal program',
  TV: 'Title V',
  VA: 'Veterans Affairs plan',
  WC: "Workers' compensation",
  ZZ: 'Mutually defined',
};

export const RELATIONSHIPS: Record<string, string> = {
  self: 'Self (the patient is the subscriber)',
  spouse: 'Spouse',
  child: 'Child',
  other: 'Other',
};

export const PRIORITIES: Record<number, string> = { 1: 'Primary', 2: 'Secondary', 3: 'Tertiary' };

/** The code sets, in the order the setup lists them, with the command that loads each. */
export const CODE_SET_KINDS: { kind: CodeSetKind; short: string; label: string; cli: string; file: string; without: string }[] = [
  { kind: 'icd10cm', short: 'ICD-10-CM', label: 'ICD-10-CM diagnoses', cli: 'icd10cm', file: 'icd10cm_order_2026.txt', without: 'Diagnoses are checked by their shape only, and the typeahead finds nothing: type the code.' },
  { kind: 'hcpcs', short: 'HCPCS', label: 'HCPCS Level II codes', cli: 'hcpcs', file: 'HCPC2026_JAN_ANWEB.txt', without: 'HCPCS Level II codes (a letter and four digits) are checked by their shape only.' },
  { kind: 'ncci_ptp', short: 'NCCI PTP', label: 'NCCI procedure-to-procedure edits', cli: 'ncci-ptp', file: 'ccipra-v320r0-f1.txt … f4.txt', without: 'Code pairs that may not be billed together are not found.' },
  { kind: 'mue', short: 'MUE', label: 'Medically unlikely edits (MUE)', cli: 'mue', file: 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv', without: 'Units are not checked against the MUE limits.' },
  { kind: 'pfs', short: 'Medicare RVUs', label: 'Medicare fee schedule (RVUs)', cli: 'pfs', file: 'PPRRVU26_JAN.csv', without: 'No Medicare-based expected amounts; CPT numbers are not offered in the typeahead.' },
  { kind: 'gpci', short: 'GPCI', label: 'Geographic practice cost indices (GPCI)', cli: 'gpci', file: 'GPCI2026.csv', without: 'No Medicare-based expected amounts.' },
];

// ---- Electronic claims (837P) ----

export const EDI_PATH = '/edi-settings';

/** What an X12 element may hold, as the server checks it. */
export const X12_SAFE = /^[A-Za-z0-9 ./-]*$/;

/** The interchange id qualifiers of ISA05 and ISA07 (005010). */
export const ISA_QUALIFIERS: Record<string, string> = {
  ZZ: 'Mutually defined',
  '01': 'D-U-N-S number',
  '14': 'D-U-N-S plus suffix',
  '20': 'Health industry number (HIN)',
  '27': 'Carrier id (CMS)',
  '28': 'Fiscal intermediary id (CMS)',
  '29': 'Medicare provider or supplier id (CMS)',
  '30': 'Federal tax id (EIN)',
  '33': 'NAIC company code',
};

export const batchCalls = {
  /** Sends the named ready claims, or every ready one, as one 837P file. */
  send: (claimIds?: number[]) => api.post<ClaimBatchResult>('/claim-batches', claimIds ? { claim_ids: claimIds } : {}),
  filePath: (id: number) => `/claim-batches/${id}/837`,
};

// ---- The superbill's limits (as the 837P and the server have them) ----

export const MAX_DX = 12;
export const MAX_MODS = 4;
export const MAX_PTRS = 4;
export const MAX_LINES = 50;
const LETTERS = 'ABCDEFGHIJKL';

/** "A" for the first diagnosis. */
export function dxLetter(index: number): string {
  return LETTERS.charAt(index) || String(index + 1);
}

/** A CPT or HCPCS code's shape (5 letters or digits). */
export const PROC_CODE_RE = /^[A-Z0-9]{5}$/;

// ---- A claim's next steps ----

export type ClaimAction = 'submitted' | 'accepted' | 'rejected' | 'paid' | 'partial' | 'denied' | 'closed';

/** The status changes each state allows (the server's state machine, claim.c). */
export const CLAIM_STEPS: Record<ClaimStatus, ClaimAction[]> = {
  draft: ['closed'],
  ready: ['submitted', 'closed'],
  submitted: ['accepted', 'rejected', 'paid', 'partial', 'denied'],
  accepted: ['rejected', 'paid', 'partial', 'denied'],
  rejected: [],
  paid: ['closed'],
  partial: ['closed'],
  denied: ['closed'],
  closed: [],
};

/** The button for each step. */
export const STEP_LABELS: Record<ClaimAction, string> = {
  submitted: 'Submit',
  accepted: 'Accepted',
  rejected: 'Rejected',
  paid: 'Paid',
  partial: 'Partly paid',
  denied: 'Denied',
  closed: 'Close',
};

/** A claim the payer holds: corrected or voided by a new claim, never edited. */
export function isWithPayer(status: ClaimStatus): boolean {
  return ['accepted', 'paid', 'partial', 'denied', 'closed'].includes(status);
}

/** A claim still in the practice's hands: its encounter may be fixed and the claim scrubbed. */
export function isFixable(status: ClaimStatus): boolean {
  return status === 'draft' || status === 'ready' || status === 'rejected';
}

/** A claim that may go out now: ready, and not replaced by a corrected claim or a void. */
export function isSendable(c: Pick<Claim, 'status' | 'replaced_by'>): boolean {
  return c.status === 'ready' && !c.replaced_by;
}

export const FREQUENCY_LABELS: Record<string, string> = { '1': 'Original', '7': 'Corrected claim', '8': 'Void' };

// ---- Where an edit points ----

const FIELD_WORDS: Record<string, string> = {
  'coverage.member_id': 'Member ID of the coverage',
  'coverage.eligibility': 'Eligibility of the coverage',
  coverage: 'Coverage dates',
  'payer.payer_code': 'Payer EDI id',
  'billing_provider.npi': 'Billing NPI',
  'billing_provider.tax_id': 'Billing tax id',
  'billing_provider.taxonomy': 'Billing taxonomy',
  'rendering_provider.npi': 'Rendering provider NPI',
  'referring.npi': 'Referring provider NPI',
  payer_claim_number: 'Payer claim number',
  payer_order: 'Payer order',
  service_date: 'Date of service',
  diagnoses: 'Diagnoses',
  lines: 'Service lines',
};

const LINE_PARTS: Record<string, string> = { code: 'code', modifiers: 'modifiers', units: 'units', pointers: 'diagnosis pointers' };

/** "lines[1].modifiers" → "Line 2 modifiers"; "diagnoses[0]" → "Diagnosis A". */
export function fieldLabel(field: string): string {
  const dx = /^diagnoses\[(\d+)\]$/.exec(field);
  if (dx) return `Diagnosis ${dxLetter(Number(dx[1]))}`;
  const line = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (line) return `Line ${Number(line[1]) + 1}${line[2] ? ` ${LINE_PARTS[line[2]] ?? line[2]}` : ''}`;
  return FIELD_WORDS[field] ?? field;
}

/** Whether the encounter's editor (diagnoses and lines) is where an edit is fixed. */
export function isEncounterField(field: string): boolean {
  return /^(diagnoses|lines)(\[|$)/.test(field);
}

/** The page where an edit that is not in the encounter is fixed. */
export function fixLink(field: string, patientId: number): { to: string; label: string } | null {
  if (field.startsWith('billing_provider.')) return { to: '/billing/setup?tab=profile', label: 'Billing profile' };
  if (field.startsWith('payer.')) return { to: '/billing/setup?tab=payers', label: 'Payers' };
  if (field === 'coverage' || field.startsWith('coverage.')) return { to: `/patients/${patientId}?tab=insurance`, label: "Patient's insurance" };
  if (field.startsWith('rendering_provider.')) return { to: '/admin/providers', label: 'Providers' };
  return null;
}

// ---- Money in forms ----

/** Cents as a form's dollars value ("" for none). */
export function centsToInput(cents: number | null | undefined): number | string {
  return cents === null || cents === undefined ? '' : cents / 100;
}

/** A form's dollars value as cents (null for blank). */
export function inputToCents(v: number | string): number | null {
  if (v === '' || v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

// ---- Claim calls ----

export const claimCalls = {
  get: (id: number | string, signal?: AbortSignal) => api.get<ClaimDetail>(`/claims/${id}`, undefined, signal),
  scrub: (id: number) => api.post<ClaimDetail>(`/claims/${id}/scrub`),
  step: (c: Pick<Claim, 'id' | 'version'>, status: ClaimAction, extra: { note?: string | null; payer_claim_number?: string | null } = {}) =>
    api.post<ClaimDetail>(`/claims/${c.id}/status`, { status, version: c.version, ...dropBlank(extra) }),
  replace: (id: number, kind: 'correct' | 'void', note?: string | null) => api.post<ClaimDetail>(`/claims/${id}/${kind}`, dropBlank({ note })),
};

function dropBlank(o: Record<string, string | null | undefined>) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
}

/** After a claim changed: its page shows the answer, worklists and counts load again. */
export function useClaimChanged() {
  const queryClient = useQueryClient();
  return (c?: ClaimDetail | null) => {
    if (c) queryClient.setQueryData(['claim', String(c.id)], c);
    void queryClient.invalidateQueries({ queryKey: ['claims'] });
    void queryClient.invalidateQueries({ queryKey: ['encounter'] });
  };
}

/** Submitting found errors again (422): the claim went back to draft. */
export function isScrubRefusal(e: unknown): boolean {
  return e instanceof ApiError && e.status === 422;
}

/**
 * Runs a one-click claim call (submit, scrub, a download) with the button's busy state: the
 * answer refreshes the claim's page and the worklists, and a notification says what happened
 * (or why not: submitting found errors again, a step the claim no longer allows).
 */
export function useClaimRun(claimId: number) {
  const changed = useClaimChanged();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (what: string, call: () => Promise<ClaimDetail>, done: (c: ClaimDetail) => string) => {
    setBusy(what);
    try {
      const c = await call();
      changed(c);
      notifications.show({ color: 'teal', message: done(c) });
    } catch (e) {
      changed();
      notifications.show({ color: isScrubRefusal(e) ? 'orange' : 'red', title: `Claim ${claimId}`, message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
