// The worklist's counts: claims by status (one colour each) and open claims by edit; each
// count is a filter.
import { Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { formatMoney } from '../../../lib/format';
import { CLAIM_STATUS, EDIT_SEVERITY } from '../../../lib/status';
import type { ClaimSummary } from '../../../lib/types';

export function StatusCounts({ summary, value, onChange }: { summary: ClaimSummary | undefined; value: string; onChange: (s: string) => void }) {
  const by = new Map((summary?.by_status ?? []).map((s) => [s.status, s]));
  const total = (summary?.by_status ?? []).reduce((n, s) => n + s.claims, 0);
  return (
    <Group gap={6} role="group" aria-label="Claims by status" wrap="wrap">
      <Button size="compact-sm" variant={value ? 'default' : 'filled'} color="dark" aria-pressed={!value} onClick={() => onChange('')}>
        All · {total}
      </Button>
      {Object.entries(CLAIM_STATUS).map(([status, s]) => {
        const row = by.get(status as never);
        const on = value === status;
        return (
          <Tooltip key={status} label={row ? `${formatMoney(row.total_cents)} in ${s.label.toLowerCase()} claims` : `No ${s.label.toLowerCase()} claims`} withinPortal>
            <Button
              size="compact-sm"
              color={s.color}
              variant={on ? 'filled' : 'light'}
              aria-pressed={on}
              data-testid={`count-${status}`}
              onClick={() => onChange(on ? '' : status)}
            >
              {s.label} · {row?.claims ?? 0}
            </Button>
          </Tooltip>
        );
      })}
    </Group>
  );
}

export function EditCountsPanel({ summary, value, onChange }: { summary: ClaimSummary | undefined; value: string; onChange: (e: string) => void }) {
  const rows = summary?.by_edit ?? [];
  const checks = new Map((summary?.edits ?? []).map((e) => [e.edit, e.checks]));
  return (
    <Paper p="sm">
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          Edits on claims not yet sent
        </Text>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            None: every open claim is clean.
          </Text>
        ) : (
          <Group gap={6} role="group" aria-label="Claims by edit" wrap="wrap">
            {rows.map((r) => {
              const on = value === r.edit;
              return (
                <Tooltip key={`${r.edit}-${r.severity}`} label={`Checks that ${checks.get(r.edit) ?? r.edit}`} withinPortal multiline w={280}>
                  <Button
                    size="compact-sm"
                    variant={on ? 'filled' : 'light'}
                    color={EDIT_SEVERITY[r.severity]?.color ?? 'gray'}
                    aria-pressed={on}
                    className="mono"
                    onClick={() => onChange(on ? '' : r.edit)}
                  >
                    {r.edit} · {r.claims}
                  </Button>
                </Tooltip>
              );
            })}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
