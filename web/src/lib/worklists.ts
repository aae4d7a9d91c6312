// What posting remittances leaves for people: denials to work, underpayments to query and
// exceptions to resolve. Their paths, their open counts (for the navigation), the words for
// their statuses and for the denial reasons ("CO-50,N115").
import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { COMMON_CARCS, ADJUSTMENT_GROUPS } from './remit';
import type { Page } from './types';

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
