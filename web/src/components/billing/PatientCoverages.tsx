// A patient's insurance, in the order payers are billed, with adding and editing for
// whoever may change the patient; below the list, per coverage, the eligibility request (270)
// to download and what the last check said, and the payer's answer (271) read in.
import { useState } from 'react';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { PRIORITIES, usePatientCoverages } from '../../lib/billing';
import { formatDate, formatPersonName } from '../../lib/format';
import { ACTIVE_STATUS, ELIGIBILITY_STATUS } from '../../lib/status';
import type { Coverage } from '../../lib/types';
import { editColumns, ListIntro, ListTable } from '../ListTable';
import { StatusBadge } from '../StatusBadge';
import { CoverageDialog } from './CoverageDialog';
import { EligibilityChecks, Read271 } from './CoverageEligibility';
import { moneyColumn } from './money';

export function PatientCoverages({ patientId, canWrite }: { patientId: number; canWrite: boolean }) {
  const q = usePatientCoverages(patientId);
  const [editing, setEditing] = useState<Coverage | 'new' | null>(null);
  const list = q.data ?? [];
  const nextPriority = Math.min(3, Math.max(0, ...list.filter((c) => c.active).map((c) => c.priority)) + 1);
  return (
    <Paper p="md">
      <ListIntro action={canWrite ? 'Add insurance' : undefined} onAdd={() => setEditing('new')}>
        The payers billed for this patient's visits, in order: the primary first.
      </ListIntro>
      <ListTable<Coverage>
        query={q}
        records={list}
        label="Insurance"
        noRecordsText="No insurance on file: visits are billed to the patient"
        columns={[
          {
            accessor: 'priority',
            title: 'Order',
            render: (c) => (
              <Text size="sm" fw={500}>
                {PRIORITIES[c.priority] ?? c.priority}
              </Text>
            ),
          },
          {
            accessor: 'payer_name',
            title: 'Payer',
            render: (c) => (
              <>
                <Text size="sm" fw={500}>
                  {c.payer_name}
                </Text>
                {c.plan_name ? (
                  <Text size="xs" c="dimmed">
                    {c.plan_name}
                  </Text>
                ) : null}
              </>
            ),
          },
          {
            accessor: 'member_id',
            title: 'Member ID',
            render: (c) => (
              <>
                <Text size="sm" className="mono">
                  {c.member_id}
                </Text>
                {c.group_number ? (
                  <Text size="xs" c="dimmed">
                    Group <span className="mono">{c.group_number}</span>
                  </Text>
                ) : null}
              </>
            ),
          },
          {
            accessor: 'relationship',
            title: 'Subscriber',
            render: (c) => (c.relationship === 'self' ? 'Patient' : `${formatPersonName(c.subscriber)} (${c.relationship})`),
          },
          {
            accessor: 'effective_from',
            title: 'In force',
            render: (c) => (
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatDate(c.effective_from)}
                <br />
                {c.effective_to ? `to ${formatDate(c.effective_to)}` : 'open-ended'}
              </Text>
            ),
          },
          moneyColumn<Coverage>('copay_cents', 'Copay', (c) => c.copay_cents),
          {
            accessor: 'eligibility',
            title: 'Eligibility',
            render: (c) => (
              <Group gap={4}>
                <StatusBadge status={c.eligibility} map={ELIGIBILITY_STATUS} />
                {!c.active ? <StatusBadge status="inactive" map={ACTIVE_STATUS} /> : null}
              </Group>
            ),
          },
          ...editColumns<Coverage>(canWrite, (c) => `${c.payer_name} insurance`, setEditing),
        ]}
      />
      {list.length ? (
        <Stack gap="xs" mt="md">
          <Group justify="space-between" gap="xs">
            <Title order={3} size="h5">
              Eligibility
            </Title>
            {canWrite ? <Read271 coverages={list} /> : null}
          </Group>
          <EligibilityChecks coverages={list} />
        </Stack>
      ) : null}
      {editing ? <CoverageDialog coverage={editing === 'new' ? null : editing} patientId={patientId} nextPriority={nextPriority || 1} onClose={() => setEditing(null)} /> : null}
    </Paper>
  );
}
