// A remittance's reconciliation: the claims paid less the provider adjustments is what the
// payment should be; set against the payment received, balanced or off by how much.
import { Alert, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { CURRENCY, formatMoney } from '../../../lib/format';
import type { Remittance } from '../../../lib/types';

export function Reconciliation({ remittance }: { remittance: Remittance }) {
  const { totals, payment } = remittance;
  const expected = totals.claims_paid_cents - totals.provider_adjustments_cents;
  const diff = payment.amount_cents - expected;
  const rows: [string, number, boolean?][] = [
    ['Claims paid (sum of CLP04)', totals.claims_paid_cents],
    ['Provider adjustments (PLB)', -totals.provider_adjustments_cents],
    ['Payment expected', expected, true],
    ['Payment received (BPR02)', payment.amount_cents, true],
  ];
  return (
    <>
      <Table fz="sm" aria-label="Reconciliation" data-testid="reconciliation">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              <span className="visually-hidden">Figure</span>
            </Table.Th>
            <Table.Th className="num">Amount ({CURRENCY === 'USD' ? '$' : CURRENCY})</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([label, cents, strong]) => (
            <Table.Tr key={label}>
              <Table.Td fw={strong ? 600 : undefined}>{label}</Table.Td>
              <Table.Td className="num" fw={strong ? 600 : undefined}>
                {formatMoney(cents, { symbol: false })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {totals.balanced ? (
        <Text size="sm" mt="sm" c="teal.8" fw={600}>
          <IconCircleCheck size={16} aria-hidden style={{ verticalAlign: '-3px', marginRight: 6 }} />
          Balanced: the payment equals the claims paid less the provider adjustments.
        </Text>
      ) : (
        <Alert mt="sm" color="red" variant="filled" icon={<IconAlertTriangle />} title="NOT balanced" role="alert">
          The payment is {formatMoney(Math.abs(diff))} {diff > 0 ? 'more' : 'less'} than the claims paid less the provider adjustments. Check the file
          against the deposit, and ask the payer, before posting.
        </Alert>
      )}
    </>
  );
}
