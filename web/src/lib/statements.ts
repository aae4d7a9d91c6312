// Patient statements: runs over every patient who owes once insurance is done (printed as one
// PDF to mail), one patient's statement, and holds that keep an account out of the runs. The
// server lists neither runs nor holds: the runs made in this browser tab are kept in its
// session storage, the holds set in the query cache (cleared at sign-out, never reloaded).
import { useState } from 'react';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import { useSession } from './session';
import type { AccountHold, StatementRun } from './types';

/** A run as this session made it, with when. */
export interface SessionRun extends StatementRun {
  ran_at: string;
}

/** The hold this session set on an account (a reason), lifted (null), or not known (undefined). */
export type KnownHold = string | null | undefined;

const MAX_RUNS = 20;
const holdKey = (patientId: number) => ['account-hold', patientId];

export const statementCalls = {
  run: (body: { min_balance_cents: number; as_of: string }) => api.post<StatementRun>('/statement-runs', body),
  runPdfPath: (runId: number) => `/statement-runs/${runId}/statements.pdf`,
  patientPdfPath: (patientId: number) => `/patients/${patientId}/statement.pdf`,
  hold: (patientId: number, reason: string | null) => api.put<AccountHold>(`/patients/${patientId}/account-hold`, { reason }),
};

function readRuns(key: string): SessionRun[] {
  try {
    const runs: unknown = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(runs) ? (runs as SessionRun[]) : [];
  } catch {
    return [];
  }
}

/** The runs this user made in this browser tab, newest first (kept across reloads: a run's PDF
 * is found only by its id), and `add` for a new one. Only figures, no patient. */
export function useSessionRuns() {
  const session = useSession();
  const key = `praxis.statement-runs.${session.me?.practice.id ?? 0}.${session.me?.user.id ?? 0}`;
  const [runs, setRuns] = useState<SessionRun[]>(() => readRuns(key));
  const add = (run: StatementRun) => {
    const next = [{ ...run, ran_at: new Date().toISOString() }, ...runs].slice(0, MAX_RUNS);
    try {
      sessionStorage.setItem(key, JSON.stringify(next));
    } catch {
      /* storage full or refused: kept on the page only */
    }
    setRuns(next);
  };
  return { runs, add };
}

/** The hold this session set on the account, and `set` after the server took a new one. */
export function useKnownHold(patientId: number) {
  const queryClient = useQueryClient();
  // Never fetched: only what `set` put there.
  const q = useQuery<{ hold: string | null }>({ queryKey: holdKey(patientId), queryFn: skipToken, staleTime: Infinity, gcTime: Infinity });
  const set = (hold: string | null) => queryClient.setQueryData(holdKey(patientId), { hold });
  const hold: KnownHold = q.data?.hold;
  return { hold, set };
}

/** The reasons an account is held, as the desk says them. */
export const HOLD_REASONS = ['disputed', 'payment plan', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];
