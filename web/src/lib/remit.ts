// Files that come back from the clearinghouse and payers: 835 remittances, 999 and 277CA
// acknowledgments. The upload (each file applied once), the remittance calls, and the words
// for the X12 codes they carry.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { CLAIM_STATUS } from './status';
import type { AckImport, Remittance, RemitImport, RemitLineMatch, X12Import } from './types';

/** The server takes files of up to 64 MiB. */
export const MAX_X12_BYTES = 64 * 1024 * 1024;

export const remitCalls = {
  upload: (file: File) => api.upload<X12Import>('/x12-files', file, { name: file.name }),
  get: (id: number | string, signal?: AbortSignal) => api.get<Remittance>(`/remittances/${id}`, undefined, signal),
};

export function isRemitImport(x: X12Import): x is RemitImport {
  return 'remittances' in x;
}

/** "277CA acknowledgment" */
export function ackLabel(a: AckImport): string {
  return a.kind === '277' ? '277CA claim acknowledgment' : '999 file acknowledgment';
}

/** One file dropped: its name, then the answer or why it was not read. */
export interface X12Upload {
  key: number;
  name: string;
  busy: boolean;
  answer?: X12Import;
  error?: unknown;
}

let uploadKey = 0;

/**
 * Sends dropped files one after another; the newest first in `uploads`. Each answer refreshes
 * the remittances and the claims it may have moved.
 */
export function useX12Uploads() {
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<X12Upload[]>([]);
  const update = (key: number, change: Partial<X12Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
  const send = async (files: File[]) => {
    const queued = files.map((f) => ({ file: f, key: ++uploadKey }));
    setUploads((all) => [...queued.map(({ file, key }) => ({ key, name: file.name, busy: true })).reverse(), ...all]);
    for (const { file, key } of queued) {
      if (file.size > MAX_X12_BYTES) {
        update(key, { busy: false, error: new Error('The file is larger than 64 MiB, the most Praxis reads at once. Ask for it split.') });
        continue;
      }
      try {
        update(key, { busy: false, answer: await remitCalls.upload(file) });
      } catch (e) {
        update(key, { busy: false, error: e });
      }
    }
    void queryClient.invalidateQueries({ queryKey: ['remittances'] });
    void queryClient.invalidateQueries({ queryKey: ['claims'] });
    void queryClient.invalidateQueries({ queryKey: ['claim'] });
    // 835s post to the journal: accounts, A/R and the posting worklists change.
    void queryClient.invalidateQueries({ queryKey: ['account'] });
    void queryClient.invalidateQueries({ queryKey: ['ar'] });
  };
  const dismiss = (key: number) => setUploads((all) => all.filter((u) => u.key !== key));
  return { uploads, send, dismiss, busy: uploads.some((u) => u.busy) };
}

export type X12Uploads = ReturnType<typeof useX12Uploads>;

type Word = { label: string; color: string };

/** What a 999 or 277CA did to each claim. */
export const ACK_OUTCOME: Record<string, Word> = {
  accepted: CLAIM_STATUS.accepted,
  rejected: CLAIM_STATUS.rejected,
  'left as it was': { label: 'Left as it was', color: 'gray' },
  'unknown claim': { label: 'Unknown claim', color: 'red' },
};

/** BPR04, how the money came. */
export const PAYMENT_METHODS: Record<string, string> = {
  ACH: 'ACH transfer',
  CHK: 'Check',
  BOP: 'Bank’s option',
  FWT: 'Wire transfer',
  NON: 'No payment',
};

/** CLP02, what the payer did with the claim. */
export const CLAIM_PAY_STATUS: Record<string, Word> = {
  '1': { label: 'Processed as primary', color: 'teal' },
  '2': { label: 'Processed as secondary', color: 'teal' },
  '3': { label: 'Processed as tertiary', color: 'teal' },
  '4': { label: 'Denied', color: 'red' },
  '19': { label: 'Primary, forwarded to another payer', color: 'teal' },
  '20': { label: 'Secondary, forwarded to another payer', color: 'teal' },
  '21': { label: 'Tertiary, forwarded to another payer', color: 'teal' },
  '22': { label: 'Reversal of a previous payment', color: 'violet' },
  '23': { label: 'Not our claim, forwarded', color: 'gray' },
  '25': { label: 'Predetermination pricing only', color: 'gray' },
};

/** How a remittance claim found its Praxis claim. */
export const CLAIM_MATCH: Record<string, Word> = {
  claim_id: { label: 'Matched by claim id', color: 'teal' },
  payer_claim_number: { label: 'Matched by payer claim number', color: 'teal' },
  none: { label: 'Unmatched', color: 'orange' },
};

/** How a paid line found the claim's line. */
export const LINE_MATCH: Record<RemitLineMatch, Word & { help: string }> = {
  exact: { label: 'Exact', color: 'teal', help: 'Same code and modifiers as the claim line' },
  modifiers_differ: { label: 'Modifiers differ', color: 'yellow', help: 'Same code; the payer dropped, added or changed modifiers' },
  code_only: { label: 'Code only', color: 'orange', help: 'Same code, but the modifiers do not overlap' },
  none: { label: 'No match', color: 'red', help: 'No line of the claim has this code' },
};

/** CAS01, who carries an adjustment. */
export const ADJUSTMENT_GROUPS: Record<string, string> = {
  CO: 'Contractual obligation (written off, not billed to the patient)',
  PR: 'Patient responsibility',
  OA: 'Other adjustment',
  PI: 'Payer initiated reduction',
  CR: 'Correction or reversal',
};

/** The claim adjustment reason codes (CARC) seen most often. */
export const COMMON_CARCS: Record<string, string> = {
  '1': 'Deductible',
  '2': 'Coinsurance',
  '3': 'Co-payment',
  '4': 'Modifier inconsistent with the procedure',
  '16': 'Claim lacks information',
  '18': 'Duplicate claim or service',
  '22': 'Another payer may cover this (coordination of benefits)',
  '23': "Impact of a prior payer's adjudication",
  '27': 'Expenses after coverage ended',
  '29': 'Time limit for filing expired',
  '45': 'Charge exceeds the fee schedule or maximum allowable',
  '50': 'Not medically necessary',
  '96': 'Non-covered charge',
  '97': 'Included in another service (bundled)',
  '109': 'Not covered by this payer',
  '197': 'Precertification or authorization absent',
  '204': 'Not covered under the patient’s plan',
  '242': 'Not provided by a network provider',
  '253': 'Sequestration',
};

/** PLB03-1, why the payer changed the whole payment. */
export const PLB_REASONS: Record<string, string> = {
  WO: 'Overpayment recovery',
  L6: 'Interest owed',
  FB: 'Forwarding balance',
  CS: 'Adjustment',
  '72': 'Authorized return',
  J1: 'Non-reimbursable',
  L3: 'Penalty',
  LE: 'Levy',
  IR: 'Tax withholding',
  '50': 'Late charge',
  '90': 'Early payment allowance',
  B2: 'Rebate',
  BD: 'Bad debt adjustment',
  TL: 'Third-party liability',
};
