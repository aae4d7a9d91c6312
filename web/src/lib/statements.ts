// Patient statements: runs over every account that owes once insurance is done (printed as one
// PDF to mail, with a mailing list for the mail house), one patient's statement, and holds
// that keep an account out of the runs. The server lists the runs; it does not list holds:
// the holds set are kept in the query cache (cleared at sign-out, never reloaded).
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import type { AccountHold, StatementRun } from './types';

/** A run as the server lists it: with when and by whom. */
export interface SessionRun extends StatementRun {
  created_at: string;
  created_by: string | null;
}

/** The hold this session set on an account (a reason), lifted (null), or not known (undefined). */
export type KnownHold = string | null | undefined;

const holdKey = (patientId: number) => ['account-hold', patientId];
export const RUNS_KEY = ['statement-runs'];

export const statementCalls = {
  run: (body: { min_balance_cents: number; as_of: string }) => api.post<StatementRun>('/statement-runs', body),
  runs: (signal?: AbortSignal) => api.get<{ items: SessionRun[] }>('/statement-runs', { limit: 20 }, signal),
  runPdfPath: (runId: number) => `/statement-runs/${runId}/statements.pdf`,
  mailingPath: (runId: number) => `/statement-runs/${runId}/mailing.csv`,
  patientPdfPath: (patientId: number) => `/patients/${patientId}/statement.pdf`,
  hold: (patientId: number, reason: string | null) => api.put<AccountHold>(`/patients/${patientId}/account-hold`, { reason }),
};

/** The latest runs, newest first, and `ran` to show a new one at once. */
export function useRuns() {
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: RUNS_KEY, queryFn: ({ signal }) => statementCalls.runs(signal) });
  const ran = () => queryClient.invalidateQueries({ queryKey: RUNS_KEY });
  return { runs: q.data?.items ?? [], loading: q.isPending, ran };
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
