// Every step of a claim's life: when, who, from which status to which, and why.
import { Group, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { formatDateTime } from '../../../lib/format';
import { CLAIM_STATUS } from '../../../lib/status';
import type { ClaimEvent } from '../../../lib/types';
import { StatusBadge } from '../../../components/StatusBadge';

export function ClaimHistory({ history }: { history: ClaimEvent[] }) {
  return (
    <DataTable<ClaimEvent & { n: number }>
      aria-label="Claim history"
      withTableBorder
      borderRadius="sm"
      striped
      records={history.map((h, n) => ({ ...h, n }))}
      idAccessor="n"
      noRecordsText="No history"
      minHeight={history.length ? undefined : 120}
      columns={[
        { accessor: 'at', title: 'When', noWrap: true, render: (h) => formatDateTime(h.at) },
        { accessor: 'user', title: 'Who', render: (h) => h.user ?? 'The system' },
        {
          accessor: 'to',
          title: 'Change',
          render: (h) => (
            <Group gap={6} wrap="nowrap" aria-label={`${h.from ? `${CLAIM_STATUS[h.from]?.label ?? h.from} to ` : 'Created as '}${CLAIM_STATUS[h.to]?.label ?? h.to}`}>
              {h.from ? (
                <>
                  <StatusBadge status={h.from} map={CLAIM_STATUS} />
                  <Text span size="sm" aria-hidden>
                    →
                  </Text>
                </>
              ) : null}
              <StatusBadge status={h.to} map={CLAIM_STATUS} />
            </Group>
          ),
        },
        { accessor: 'note', title: 'Note', render: (h) => h.note ?? '' },
      ]}
    />
  );
}
