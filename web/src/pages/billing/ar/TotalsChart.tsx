// The money of a period as four bars on one scale: charges, payments, contractual adjustments
// and other adjustments (write-offs included), each with its amount; what is owed at the end
// of the period underneath.
import { Text } from '@mantine/core';
import { formatDate, formatMoney } from '../../../lib/format';
import { MONEY_COLORS } from '../../../lib/ledger';
import type { RevenueCycle } from '../../../lib/types';
import { MoneyBars, type BarRow } from './MoneyBars';

export function TotalsChart({ report }: { report: RevenueCycle }) {
  const t = report.totals;
  // key, the row's name, what its bar is (said when hovered and to screen readers), amount, colour
  const parts: [string, string, string, number, string][] = [
    ['charges', 'Charges', 'Charges', t.charges_cents, MONEY_COLORS.charges],
    ['payments', 'Payments', 'Payments', t.payments_cents, MONEY_COLORS.payments],
    ['contractual', 'Contractual adjustments', 'Contractual adjustments', t.contractual_cents, MONEY_COLORS.contractual],
    ['other', 'Other adjustments', 'Other adjustments and write-offs', t.other_adjustments_cents, MONEY_COLORS.other],
  ];
  const rows: BarRow[] = parts.map(([key, name, label, cents, color]) => ({ key, name, bars: [{ label, cents, color }], value: formatMoney(cents) }));
  const summary = `Money from ${formatDate(report.from)} to ${formatDate(report.to)}: ${parts.map(([, , label, c]) => `${label} ${formatMoney(c)}`).join(', ')}`;
  return (
    <>
      <MoneyBars rows={rows} summary={summary} nameWidth={190} testId="totals-chart" />
      <Text size="sm" mt="sm" data-testid="totals-ar">
        Owed to the practice on {formatDate(report.to)}:{' '}
        <Text span fw={600} className="num">
          {formatMoney(t.ar_cents)}
        </Text>
      </Text>
    </>
  );
}
