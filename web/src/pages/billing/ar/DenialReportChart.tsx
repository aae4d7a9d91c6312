// The denials report as bars: for each reason or payer (the 12 with the largest amounts), the
// amount denied and what of it is still unresolved, on one scale, with the count at the right;
// and how many more the table holds.
import { Text } from '@mantine/core';
import { formatMoney } from '../../../lib/format';
import type { DenialBy, DenialReportRow } from '../../../lib/reports';
import { DENIAL_COLORS, reasonMeaning } from './denialReport';
import { MoneyBars, type BarRow } from './MoneyBars';

export const MAX_BARS = 12;

const plural = (n: number) => `${n} ${n === 1 ? 'denial' : 'denials'}`;

/** Which rows the chart shows, in words. */
export function chartNote(rows: DenialReportRow[]): string {
  return rows.length > MAX_BARS ? `Top ${MAX_BARS} of ${rows.length} by amount` : `All ${rows.length}, largest amount first`;
}

export function DenialReportChart({ by, rows }: { by: DenialBy; rows: DenialReportRow[] }) {
  const shown = rows.slice(0, MAX_BARS); // the server answers the largest first
  if (!shown.length) return <Text size="sm">No denial in this period.</Text>;
  const name = (r: DenialReportRow) => {
    const m = reasonMeaning(by, r.name);
    return m ? `${r.name} ${m}` : r.name;
  };
  const bars: BarRow[] = shown.map((r) => ({
    key: r.name,
    name: name(r),
    bars: [
      { label: 'Denied', cents: r.amount_cents, color: DENIAL_COLORS.denied },
      { label: 'Unresolved', cents: r.unresolved_cents, color: DENIAL_COLORS.unresolved },
    ],
    value: plural(r.denials),
  }));
  const summary =
    `Denials by ${by}, ${chartNote(rows).toLowerCase()}: ` +
    shown.map((r) => `${r.name}: ${plural(r.denials)}, denied ${formatMoney(r.amount_cents)}, unresolved ${formatMoney(r.unresolved_cents)}`).join('; ');
  return (
    <>
      <MoneyBars
        rows={bars}
        summary={summary}
        nameWidth={200}
        legend={[
          { label: 'Denied', color: DENIAL_COLORS.denied },
          { label: 'Still unresolved (open, appealed or resubmitted)', color: DENIAL_COLORS.unresolved },
        ]}
        testId="denials-chart"
      />
      {rows.length > shown.length ? (
        <Text size="xs" c="dimmed" mt="xs">
          and {rows.length - shown.length} more in the table
        </Text>
      ) : null}
    </>
  );
}
