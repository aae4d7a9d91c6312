// The money report as bars: charges, payments and adjustments side by side for each row on one
// scale; the 12 rows with the most charges (by month: the last 12 months, in order), and how
// many more the table holds.
import { Text } from '@mantine/core';
import { formatMoney } from '../../../lib/format';
import { MONEY_COLORS } from '../../../lib/ledger';
import type { MoneyBy, MoneyRow } from '../../../lib/types';
import { MoneyBars, type BarRow } from './MoneyBars';
import { rowName } from './money';

export const MAX_BARS = 12;

const SERIES = [
  { key: 'charges_cents', label: 'Charges', color: MONEY_COLORS.charges },
  { key: 'payments_cents', label: 'Payments', color: MONEY_COLORS.payments },
  { key: 'adjustments_cents', label: 'Adjustments', color: MONEY_COLORS.adjustments },
] as const;

/** The rows the chart shows. */
export function chartRows(by: MoneyBy, rows: MoneyRow[]): MoneyRow[] {
  if (by === 'month') return [...rows].sort((a, b) => a.name.localeCompare(b.name)).slice(-MAX_BARS);
  return [...rows].sort((a, b) => b.charges_cents - a.charges_cents || a.name.localeCompare(b.name)).slice(0, MAX_BARS);
}

/** Which rows the chart shows, in words. */
export function chartNote(by: MoneyBy, rows: MoneyRow[]): string {
  if (by === 'month') return rows.length > MAX_BARS ? `The last ${MAX_BARS} months` : 'Each month';
  return rows.length > MAX_BARS ? `Top ${MAX_BARS} of ${rows.length} by charges` : `All ${rows.length}, most charges first`;
}

export function MoneyChart({ by, rows }: { by: MoneyBy; rows: MoneyRow[] }) {
  const shown = chartRows(by, rows);
  if (!shown.length) return <Text size="sm">No charges, payments or adjustments in this period.</Text>;
  const bars: BarRow[] = shown.map((r) => ({
    key: r.name,
    name: rowName(by, r),
    bars: SERIES.map((s) => ({ label: s.label, cents: r[s.key], color: s.color })),
  }));
  const summary =
    `Charges, payments and adjustments by ${by}, ${chartNote(by, rows).toLowerCase()}: ` +
    shown.map((r) => `${rowName(by, r)}: ${SERIES.map((s) => `${s.label.toLowerCase()} ${formatMoney(r[s.key])}`).join(', ')}`).join('; ');
  return (
    <>
      <MoneyBars rows={bars} summary={summary} legend={SERIES.map(({ label, color }) => ({ label, color }))} testId="money-chart" />
      {rows.length > shown.length ? (
        <Text size="xs" c="dimmed" mt="xs">
          and {rows.length - shown.length} more in the table
        </Text>
      ) : null}
    </>
  );
}
