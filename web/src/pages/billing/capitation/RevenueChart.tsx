// Capitation by month as bars: what the rosters expected and what the payers paid, side by side
// on one scale (all contracts together), with the share paid at the right. One image for screen
// readers, described month by month; the table below holds every figure.
import { Text } from '@mantine/core';
import type { CapReportRow } from '../../../lib/capitation';
import { formatMoney, formatMonth, formatPercent } from '../../../lib/format';
import { MONEY_COLORS } from '../../../lib/ledger';
import { MoneyBars, type BarRow } from '../ar/MoneyBars';

const SERIES = [
  { key: 'expected_cents', label: 'Expected', color: MONEY_COLORS.charges },
  { key: 'paid_cents', label: 'Paid', color: MONEY_COLORS.payments },
] as const;

export interface MonthTotal {
  month: string;
  expected_cents: number;
  paid_cents: number;
}

/** The report's rows added up by month, in order. */
export function byMonth(rows: CapReportRow[]): MonthTotal[] {
  const m = new Map<string, MonthTotal>();
  for (const r of rows) {
    const t = m.get(r.month) ?? { month: r.month, expected_cents: 0, paid_cents: 0 };
    t.expected_cents += r.expected_cents;
    t.paid_cents += r.paid_cents;
    m.set(r.month, t);
  }
  return [...m.values()].sort((a, b) => a.month.localeCompare(b.month));
}

export function RevenueChart({ rows }: { rows: CapReportRow[] }) {
  const months = byMonth(rows);
  if (!months.length) return <Text size="sm">No roster in these months.</Text>;
  const bars: BarRow[] = months.map((t) => ({
    key: t.month,
    name: formatMonth(t.month),
    bars: SERIES.map((s) => ({ label: s.label, cents: t[s.key], color: s.color })),
    value: t.expected_cents ? `${formatPercent(t.paid_cents / t.expected_cents, { whole: true })} paid` : '',
  }));
  const summary =
    'Capitation expected and paid by month: ' +
    months.map((t) => `${formatMonth(t.month)}: expected ${formatMoney(t.expected_cents)}, paid ${formatMoney(t.paid_cents)}`).join('; ');
  return <MoneyBars rows={bars} summary={summary} legend={SERIES.map(({ label, color }) => ({ label, color }))} nameWidth={90} testId="revenue-chart" />;
}
