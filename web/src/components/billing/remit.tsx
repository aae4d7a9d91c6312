// The small pieces of a remittance shared by the upload's answer, the list and the detail:
// whether it balances, how many claims found no Praxis claim, and adjustments as chips whose
// tooltip says what the group and reason codes mean.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { ADJUSTMENT_GROUPS, COMMON_CARCS } from '../../lib/remit';
import { formatMoney } from '../../lib/format';
import type { RemitAdjustment } from '../../lib/types';

/** Whether the payment equals the claims paid less the provider adjustments; a filled red warning when not. */
export function BalancedBadge({ balanced }: { balanced: boolean }) {
  return balanced ? (
    <Badge color="teal" className="status-badge" leftSection={<IconCheck size={12} aria-hidden />}>
      Balanced
    </Badge>
  ) : (
    <Badge color="red" variant="filled" className="status-badge" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
      NOT balanced
    </Badge>
  );
}

/** "0", or an orange "2 unmatched" that stands out. */
export function UnmatchedCount({ count }: { count: number }) {
  if (!count)
    return (
      <Text size="sm" className="num" c="dimmed">
        0
      </Text>
    );
  return (
    <Badge color="orange" variant="filled" className="status-badge">
      {count} unmatched
    </Badge>
  );
}

const GROUP_COLORS: Record<string, string> = { CO: 'gray', PR: 'blue', OA: 'gray', PI: 'grape', CR: 'violet' };

/** "CO-45 $47.50" chips; the tooltip (and screen readers) say what the codes mean. */
export function AdjustmentChips({ adjustments, label }: { adjustments: RemitAdjustment[]; label: string }) {
  if (!adjustments.length) return null;
  return (
    <Group gap={4} role="list" aria-label={label}>
      {adjustments.map((a, i) => {
        const group = ADJUSTMENT_GROUPS[a.group] ?? 'Unknown group';
        const reason = COMMON_CARCS[a.reason] ?? `Reason code ${a.reason}`;
        return (
          <Tooltip key={`${a.group}-${a.reason}-${i}`} label={`${a.group}: ${group}. ${a.reason}: ${reason}.`} multiline maw={320} withArrow>
            <Badge role="listitem" tabIndex={0} tt="none" color={GROUP_COLORS[a.group] ?? 'gray'} className="status-badge mono">
              {a.group}-{a.reason} {formatMoney(a.amount_cents)}
              <span className="visually-hidden">
                {' '}
                ({group}; {reason})
              </span>
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}

/** Remark codes (RARC) as plain chips. */
export function RemarkChips({ remarks, label }: { remarks: string[]; label: string }) {
  if (!remarks.length) return null;
  return (
    <Group gap={4} role="list" aria-label={label}>
      {remarks.map((r, i) => (
        <Badge key={`${r}-${i}`} role="listitem" variant="outline" color="gray" tt="none" className="status-badge mono">
          {r}
        </Badge>
      ))}
    </Group>
  );
}
