// A claim's edits: errors first, each with where it is (field) and what is wrong, and the
// page where it is fixed when that is not the superbill.
import { Link } from 'react-router-dom';
import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { fieldLabel, fixLink } from '../../lib/billing';
import { EDIT_SEVERITY } from '../../lib/status';
import type { ClaimEdit } from '../../lib/types';
import { StatusBadge } from '../StatusBadge';

export function ClaimEdits({ edits, patientId, compact }: { edits: ClaimEdit[]; patientId: number; compact?: boolean }) {
  if (!edits.length)
    return (
      <Group gap={6}>
        <IconCircleCheck size={18} color="var(--mantine-color-teal-7)" aria-hidden />
        <Text size="sm">No edits: the claim is clean.</Text>
      </Group>
    );
  const sorted = [...edits].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <List spacing={compact ? 4 : 'xs'} listStyleType="none" aria-label="Claim edits" data-testid="claim-edits">
      {sorted.map((e, i) => {
        const fix = fixLink(e.field, patientId);
        return (
          <List.Item key={`${e.edit}-${e.field}-${i}`} data-severity={e.severity}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <div style={{ flexShrink: 0, width: 88 }}>
                <StatusBadge status={e.severity} map={EDIT_SEVERITY} />
              </div>
              <div style={{ minWidth: 0 }}>
                <Text size="sm">
                  <Text span fw={600} className="mono" size="sm">
                    {e.edit}
                  </Text>{' '}
                  <Text span c="dimmed" size="sm">
                    · {fieldLabel(e.field)}
                  </Text>
                </Text>
                <Text size="sm">
                  {e.message.charAt(0).toUpperCase() + e.message.slice(1)}
                  {fix ? (
                    <>
                      {' '}
                      <Anchor component={Link} to={fix.to} size="sm">
                        Fix in {fix.label}
                      </Anchor>
                    </>
                  ) : null}
                </Text>
              </div>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}

/** "2 errors · 1 warning" as small badges (stacked words in tables); "Clean" when there are none. */
export function EditCounts({ errors, warnings, stacked }: { errors: number; warnings: number; stacked?: boolean }) {
  if (!errors && !warnings)
    return (
      <Text size="sm" c="dimmed">
        Clean
      </Text>
    );
  const items = [
    errors ? { n: errors, word: errors === 1 ? 'error' : 'errors', color: 'red' } : null,
    warnings ? { n: warnings, word: warnings === 1 ? 'warning' : 'warnings', color: 'yellow' } : null,
  ].filter((x) => x !== null);
  if (stacked)
    return (
      <Stack gap={0}>
        {items.map((x) => (
          <Text key={x.word} size="xs" fw={600} c={`var(--mantine-color-${x.color}-light-color)`} style={{ whiteSpace: 'nowrap' }}>
            {x.n} {x.word}
          </Text>
        ))}
      </Stack>
    );
  return (
    <Group gap={4} wrap="nowrap">
      {items.map((x) => (
        <Badge key={x.word} color={x.color} variant="light" className="status-badge">
          {x.n} {x.word}
        </Badge>
      ))}
    </Group>
  );
}
