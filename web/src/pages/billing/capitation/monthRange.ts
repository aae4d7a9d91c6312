// The months a capitation report covers, kept in the address (?from=YYYY-MM&to=YYYY-MM) so a
// reload or a shared link shows the same figures: the last 12 months unless chosen, presets a
// practice reads capitation by, and what is wrong with a range (the end before the start, more
// than the 36 months the server answers: nothing is asked of it then).
import { addMonths, monthCount, MONTH_RE, thisMonth } from '../../../lib/capitation';
import { useUrlParams } from '../../../lib/params';

export interface MonthRange {
  from: string;
  to: string;
}

export const MAX_MONTHS = 36;

export const MONTH_PRESETS: { id: string; label: string; range: (now: string) => MonthRange }[] = [
  { id: 'last-3', label: 'Last 3 months', range: (m) => ({ from: addMonths(m, -2), to: m }) },
  { id: 'last-12', label: 'Last 12 months', range: (m) => ({ from: addMonths(m, -11), to: m }) },
  { id: 'this-year', label: 'This year', range: (m) => ({ from: `${m.slice(0, 4)}-01`, to: m }) },
  { id: 'last-year', label: 'Last year', range: (m) => ({ from: `${Number(m.slice(0, 4)) - 1}-01`, to: `${Number(m.slice(0, 4)) - 1}-12` }) },
];

const DEFAULT_PRESET = 'last-12';

export function useMonthRange(now: string = thisMonth()) {
  const [params, set] = useUrlParams();
  const fallback = MONTH_PRESETS.find((p) => p.id === DEFAULT_PRESET)!.range(now);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const range: MonthRange = { from: MONTH_RE.test(from) ? from : fallback.from, to: MONTH_RE.test(to) ? to : fallback.to };
  const preset = MONTH_PRESETS.find((p) => {
    const r = p.range(now);
    return r.from === range.from && r.to === range.to;
  });
  const n = monthCount(range.from, range.to);
  const error = range.to < range.from ? 'The end is before the start' : n > MAX_MONTHS ? `The report covers at most ${MAX_MONTHS} months` : null;
  const setRange = (r: Partial<MonthRange>) => set({ ...(r.from !== undefined ? { from: r.from } : {}), ...(r.to !== undefined ? { to: r.to } : {}) });
  return { range, preset: preset?.id ?? null, error, now, setRange } as const;
}
