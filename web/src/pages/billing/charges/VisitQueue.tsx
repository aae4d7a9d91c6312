// Checked-out visits waiting for their charges, newest first; choosing one opens its superbill.
import { Badge, Button, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { formatDateTime } from '../../../lib/format';
import { useLocationsAll } from '../../../lib/schedule';
import type { QueueVisit } from '../../../lib/types';
import { QueryState } from '../../../components/QueryState';

export function VisitQueue({
  queue,
  selected,
  onSelect,
  onNew,
  newActive,
}: {
  queue: UseQueryResult<QueueVisit[]>;
  selected: number | null;
  onSelect: (v: QueueVisit) => void;
  onNew: () => void;
  newActive: boolean;
}) {
  const locations = useLocationsAll();
  const tz = (id: number) => (locations.data ?? []).find((l) => l.id === id)?.time_zone;
  const visits = [...(queue.data ?? [])].sort((a, b) => b.start.localeCompare(a.start));
  return (
    <Paper p="sm">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          Visits to charge
        </Text>
        <Badge variant="light" color="gray" aria-label={`${visits.length} visits`}>
          {visits.length}
        </Badge>
      </Group>
      <Button fullWidth size="compact-sm" mb="xs" variant={newActive ? 'filled' : 'light'} leftSection={<IconPlus size={14} />} onClick={onNew}>
        New encounter
      </Button>
      {queue.isLoading || queue.isError ? (
        <QueryState isLoading={queue.isLoading} error={queue.error} retry={() => void queue.refetch()} />
      ) : visits.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          No checked-out visits are waiting for charges in the last 30 days.
        </Text>
      ) : (
        <div className="queue-list">
          <Stack gap={4} component="ul" aria-label="Checked-out visits" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {visits.map((v) => (
              <li key={v.appointment_id}>
                <UnstyledButton
                  className="queue-item"
                  data-active={selected === v.appointment_id || undefined}
                  aria-current={selected === v.appointment_id ? 'true' : undefined}
                  onClick={() => onSelect(v)}
                >
                  <Text size="sm" fw={600} truncate>
                    {v.patient.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {formatDateTime(v.start, tz(v.location_id))} · MRN <span className="mono">{v.patient.mrn}</span>
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {v.provider_name}
                  </Text>
                </UnstyledButton>
              </li>
            ))}
          </Stack>
        </div>
      )}
    </Paper>
  );
}
