import { Badge } from '@mantine/core';
import { PATIENT_STATUS } from '../lib/status';

export function StatusBadge({ status, map = PATIENT_STATUS }: { status: string; map?: Record<string, { label: string; color: string }> }) {
  const s = map[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={s.color} className="status-badge">
      {s.label}
    </Badge>
  );
}
