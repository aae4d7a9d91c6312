// What posting remittances leaves for people: denials to work, underpayments to query and
// exceptions to resolve. Their paths, their open counts (for the navigation), the words for
// their statuses and for the denial reasons ("CO-50,N115"); the steps a denial may take.
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { COMMON_CARCS, ADJUSTMENT_GROUPS } from './remit';
import type { DenialStatus, DenialUpdate, Page } from './types';

export type WorklistName = 'denials' | 'underpayments' | 'exceptions';

export const WORKLIST_PATHS: Record<WorklistName, string> = {
  denials: '/denials',
  underpayments: '/underpayments',
  exceptions: '/posting-exceptions',
};

const COUNT_LIMIT = 100;

/** How many items of a worklist are open: a number, or "100+" past the first page. */
export function useOpenCount(which: WorklistName, enabled = true) {
  return useQuery({
    queryKey: ['ar', which, 'count'],
    queryFn: ({ signal }) =>
      api.get<Page<unknown>>(WORKLIST_PATHS[which], { status: 'open', limit: COUNT_LIMIT }, signal).then((p) => (p.next_cursor ? `${COUNT_LIMIT}+` : String(p.items.length))),
    staleTime: 60_000,
    enabled,
  });
}

/** The states of a worklist's items, one colour each. */
export const WORKLIST_STATUS: Record<string, { label: string; color: string }> = {
  open: { label: 'Open', color: 'orange' },
  appealed: { label: 'Appealed', color: 'blue' },
  resubmitted: { label: 'Resubmitted', color: 'indigo' },
  written_off: { label: 'Written off', color: 'gray' },
  accepted: { label: 'Accepted', color: 'teal' },
  resolved: { label: 'Resolved', color: 'teal' },
  closed: { label: 'Closed', color: 'dark' },
};

export interface Reason {
  code: string;
  /** What the code means, for the tooltip and screen readers. */
  meaning: string;
  /** An adjustment (group and CARC) rather than a remark code (RARC). */
  adjustment: boolean;
}

/** "CO-50,N115" as its codes, each with what it means. */
export function parseReasons(reasons: string | null | undefined): Reason[] {
  return (reasons ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((code) => {
      const m = /^([A-Z]{2})-(\w+)$/.exec(code);
      if (!m) return { code, meaning: `Remark code ${code}`, adjustment: false };
      const group = ADJUSTMENT_GROUPS[m[1]] ?? 'Unknown group';
      const reason = COMMON_CARCS[m[2]] ?? `Reason code ${m[2]}`;
      return { code, meaning: `${m[1]}: ${group}. ${m[2]}: ${reason}.`, adjustment: true };
    });
}

/** Whole days from `from` to `to` (calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The steps a denial may take from each status; the server answers 409 to any other. */
export const DENIAL_STEPS: Partial<Record<DenialStatus, DenialStatus[]>> = {
  open: ['appealed', 'resubmitted', 'written_off', 'closed'],
  appealed: ['resubmitted', 'written_off', 'closed', 'open'],
  resubmitted: ['closed', 'open'],
};

/** Each step as a row action (its menu item), what it does, and its dialog's button. */
export const DENIAL_ACTIONS: Record<DenialStatus, { item: string; title: (line: string) => string; button: string; done: string; words: (payer: string) => string }> = {
  appealed: {
    item: 'Mark appealed',
    title: (line) => `Mark the denial of ${line} appealed`,
    button: 'Mark appealed',
    done: 'marked appealed',
    words: (payer) => `The appeal has gone to ${payer}. The denial leaves the open list until it is reopened, resubmitted, written off or closed.`,
  },
  resubmitted: {
    item: 'Resubmitted',
    title: (line) => `Mark the denial of ${line} resubmitted`,
    button: 'Mark resubmitted',
    done: 'marked resubmitted',
    words: (payer) => `A corrected claim has gone to ${payer}. The denial leaves the open list until it is reopened or closed.`,
  },
  written_off: {
    item: 'Write off…',
    title: (line) => `Write off the denial of ${line}?`,
    button: 'Write off',
    done: 'written off',
    words: (payer) =>
      `What ${payer} still owes on this line is posted as a write-off in the patient's account, with your name and the reason; the patient is not billed for it. The denial is then done.`,
  },
  closed: {
    item: 'Close',
    title: (line) => `Close the denial of ${line}?`,
    button: 'Close denial',
    done: 'closed',
    words: (payer) => `Nothing more will be done on this denial. Anything ${payer} still owes stays in the A/R.`,
  },
  open: {
    item: 'Reopen',
    title: (line) => `Reopen the denial of ${line}?`,
    button: 'Reopen',
    done: 'reopened',
    words: () => 'The denial goes back on the open list, to work again.',
  },
};

export const denialCalls = {
  step: (id: number, status: DenialStatus, note: string) => api.patch<DenialUpdate>(`${WORKLIST_PATHS.denials}/${id}`, { status, ...(note ? { note } : {}) }),
};
