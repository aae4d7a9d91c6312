// The period a billing report covers, kept in the address (?from=&to=) so a reload or a shared
// link shows the same figures: the last 90 days unless chosen, and the presets a practice reads
// its numbers by (this month, last month, the last 90 days, the year to date).
import { todayIso } from '../../../lib/format';
import { useUrlParams } from '../../../lib/params';
import type { Period } from '../../../lib/types';
import { addDays } from '../../../lib/zone';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export interface Preset {
  id: string;
  label: string;
  period: (today: string) => Period;
}

const monthStart = (date: string) => `${date.slice(0, 8)}01`;

export const PRESETS: Preset[] = [
  { id: 'this-month', label: 'This month', period: (t) => ({ from: monthStart(t), to: t }) },
  {
    id: 'last-month',
    label: 'Last month',
    period: (t) => {
      const end = addDays(monthStart(t), -1);
      return { from: monthStart(end), to: end };
    },
  },
  { id: 'last-90', label: 'Last 90 days', period: (t) => ({ from: addDays(t, -89), to: t }) },
  { id: 'year', label: 'Year to date', period: (t) => ({ from: `${t.slice(0, 4)}-01-01`, to: t }) },
];

export const DEFAULT_PRESET = 'last-90';

/** Days in the period, both ends included. */
export function periodDays(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86400000) + 1;
}

/**
 * The period in the address (else the default preset), which preset it is, what is wrong with
 * it (the end before the start: nothing is asked of the server then) and a way to change it.
 */
export function usePeriod(today: string = todayIso()) {
  const [params, set] = useUrlParams();
  const fallback = PRESETS.find((p) => p.id === DEFAULT_PRESET)!.period(today);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const period: Period = { from: ISO.test(from) ? from : fallback.from, to: ISO.test(to) ? to : fallback.to };
  const preset = PRESETS.find((p) => {
    const q = p.period(today);
    return q.from === period.from && q.to === period.to;
  });
  const error = period.to < period.from ? 'The end is before the start' : null;
  const setPeriod = (p: Partial<Period>) => set({ ...(p.from !== undefined ? { from: p.from } : {}), ...(p.to !== undefined ? { to: p.to } : {}) });
  return { period, preset: preset?.id ?? null, error, today, setPeriod } as const;
}
