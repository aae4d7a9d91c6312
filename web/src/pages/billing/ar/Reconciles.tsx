// Whether the aging's total equals every A/R line of the journal up to the date: a green
// line saying so, or a red alert with both figures and the difference.
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { formatMoney } from '../../../lib/format';
import type { ArAging } from '../../../lib/types';

export function Reconciles({ aging }: { aging: ArAging }) {
  const diff = aging.totals.total_cents - aging.ar_cents;
  if (!diff)
    return (
      <Text size="sm" c="teal.8" fw={600} data-testid="aging-reconciles">
        <IconCircleCheck size={16} aria-hidden style={{ verticalAlign: '-3px', marginRight: 6 }} />
        Reconciles with the journal: {formatMoney(aging.ar_cents)}
      </Text>
    );
  return (
    <Alert color="red" variant="filled" icon={<IconAlertTriangle />} title="Does NOT reconcile with the journal" role="alert" data-testid="aging-reconciles">
      The aging adds up to {formatMoney(aging.totals.total_cents)}, the journal's A/R is {formatMoney(aging.ar_cents)}: a difference of{' '}
      {formatMoney(Math.abs(diff))}. Report it to the practice manager before relying on these figures.
    </Alert>
  );
}
