// A patient's three balances, large enough to read across the desk: what insurance still
// owes, what the patient owes now, and the credit held for them (to apply or refund).
import type { ReactNode } from 'react';
import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { formatMoney } from '../../../lib/format';
import type { AccountBalances as Balances } from '../../../lib/types';

function Figure({ label, cents, hint, color }: { label: string; cents: number; hint: string; color?: string }) {
  return (
    <Paper p="sm" withBorder role="group" aria-label={label} data-testid={`balance-${label.toLowerCase().replace(/\s+/g, '-')}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} fz={28} className="num balance-amount" ta="left" c={color}>
        {formatMoney(cents)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

export function AccountBalances({ balances, action }: { balances: Balances; action?: ReactNode }) {
  const { insurance_cents: ins, patient_cents: pat, credit_cents: credit } = balances;
  return (
    <Group align="stretch" gap="md" wrap="wrap">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" style={{ flex: 1, minWidth: 300 }}>
        <Figure label="Insurance owes" cents={ins} hint={ins > 0 ? 'Billed to the payers, not yet paid' : 'Nothing waiting on the payers'} />
        <Figure
          label="Patient owes"
          cents={pat}
          color={pat > 0 ? 'red.8' : undefined}
          hint={pat > 0 ? 'Collect at the desk' : pat < 0 ? 'Overpaid: see the credit' : 'Nothing to collect'}
        />
        <Figure label="Credit" cents={credit} color={credit > 0 ? 'teal.8' : undefined} hint={credit > 0 ? 'Held for the patient: applied to new balances, or refunded' : 'No credit held'} />
      </SimpleGrid>
      {action ? (
        <Group align="center" gap="sm">
          {action}
        </Group>
      ) : null}
    </Group>
  );
}
