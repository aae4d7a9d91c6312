// Patient statements: runs over every account that owes once insurance is done (printed as one
// PDF to mail, with a mailing list for the mail house), one patient's statement, and holds
// that keep an account out of the runs: one set by hand (with why), or the account's active
// payment plan, which holds it while it runs.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import type { AccountHold, StatementRun } from './types';

/** A run as the server lists it: with when and by whom. */
export interface SessionRun extends StatementRun {
  created_at: string;
  created_by: string | null;
}

// Under the account's key: a posting or a plan that reloads the account reloads its hold.
const holdKey = (patientId: number) => ['account', patientId, 'hold'];
export const RUNS_KEY = ['statement-runs'];

export const statementCalls = {
  run: (body: { min_balance_cents: number; as_of: string }) => api.post<StatementRun>('/statement-runs', body),
  runs: (signal?: AbortSignal) => api.get<{ items: SessionRun[] }>('/statement-runs', { limit: 20 }, signal),
  runPdfPath: (runId: number) => `/statement-runs/${runId}/statements.pdf`,
  mailingPath: (runId: number) => `/statement-runs/${runId}/mailing.csv`,
  patientPdfPath: (patientId: number) => `/patients/${patientId}/statement.pdf`,
  hold: (patientId: number, reason: string | null) => api.put<AccountHold>(`/patients/${patientId}/account-hold`, { reason }),
  holdOf: (patientId: number, signal?: AbortSignal) => api.get<AccountHold>(`/patients/${patientId}/account-hold`, undefined, signal),
};

/** The latest runs, newest first, and `ran` to show a new one at once. */
export function useRuns() {
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: RUNS_KEY, queryFn: ({ signal }) => statementCalls.runs(signal) });
  const ran = () => queryClient.invalidateQueries({ queryKey: RUNS_KEY });
  return { runs: q.data?.items ?? [], loading: q.isPending, ran };
}

/** Whether statement runs pass over the account (undefined until known), and `set` with the
 *  server's answer to a change. */
export function useAccountHold(patientId: number) {
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: holdKey(patientId), queryFn: ({ signal }) => statementCalls.holdOf(patientId, signal) });
  const set = (answer: AccountHold) => queryClient.setQueryData(holdKey(patientId), answer);
  return { account: q.data, set };
}

/** The reasons an account is held, as the desk says them. */
export const HOLD_REASONS = ['disputed', 'payment plan', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];
