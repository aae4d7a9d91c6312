// A contract's month at a glance, in a list: its status as a badge and, once there is a
// roster, what was paid of what was expected.
import { Badge, Group, Text } from '@mantine/core';
import { inForce, RECON_STATUS, useReconciliation, type CapitationContract, type ReconStatus } from '../../../lib/capitation';
import { formatMoney } from '../../../lib/format';

export function ReconBadge({ status, size }: { status: ReconStatus; size?: 'sm' | 'md' | 'lg' }) {
  const s = RECON_STATUS[status];
  return (
    <Badge color={s.color} size={size} className="status-badge" data-testid="recon-status">
      {s.label}
    </Badge>
  );
}

export function MonthStatus({ contract, month }: { contract: CapitationContract; month: string }) {
  const open = inForce(month, contract);
  const q = useReconciliation(open ? contract.id : 0, month);
  if (!open)
    return (
      <Text size="sm" c="dimmed">
        Not in force
      </Text>
    );
  if (!q.data) return <Text size="sm" c="dimmed">{q.isError ? 'Could not load' : '…'}</Text>;
  const r = q.data;
  return (
    <Group gap="xs" wrap="nowrap">
      <ReconBadge status={r.status} />
      {r.members ? (
        <Text size="sm" className="num" c="dimmed">
          {formatMoney(r.paid_cents)} of {formatMoney(r.expected_cents)}
        </Text>
      ) : null}
    </Group>
  );
}
