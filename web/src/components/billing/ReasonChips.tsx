// A denial's reasons ("CO-50,N115") as chips: adjustment codes with a tooltip (and words for
// screen readers) saying what the group and reason mean, remark codes plain.
import { Badge, Group, Tooltip } from '@mantine/core';
import { parseReasons } from '../../lib/worklists';

export function ReasonChips({ reasons, label }: { reasons: string; label: string }) {
  const list = parseReasons(reasons);
  if (!list.length) return null;
  return (
    <Group gap={4} role="list" aria-label={label}>
      {list.map((r, i) => (
        <Tooltip key={`${r.code}-${i}`} label={r.meaning} multiline maw={320} withArrow>
          <Badge role="listitem" tabIndex={0} tt="none" variant={r.adjustment ? 'light' : 'outline'} color={r.adjustment ? 'red' : 'gray'} className="status-badge mono">
            {r.code}
            <span className="visually-hidden"> ({r.meaning})</span>
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
