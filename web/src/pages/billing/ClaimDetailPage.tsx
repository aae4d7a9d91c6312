// One claim: its status and the actions that state allows, the edits (errors first) with
// the fix in place, the lines with charge and expected amounts, and the history.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { claimCalls, FREQUENCY_LABELS, isFixable, PRIORITIES } from '../../lib/billing';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { CLAIM_STATUS } from '../../lib/status';
import type { ClaimDetail, Encounter } from '../../lib/types';
import { RecordState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { ClaimEdits, EditCounts } from '../../components/billing/ClaimEdits';
import { ClaimActions } from './claim/ClaimActions';
import { ClaimFixer } from './claim/ClaimFixer';
import { ClaimHistory } from './claim/ClaimHistory';
import { ClaimLines } from './claim/ClaimLines';

function ClaimHeader({ claim, canWrite }: { claim: ClaimDetail; canWrite: boolean }) {
  return (
    <Paper p="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={1} size="h2">
                Claim {claim.id}
              </Title>
              <span data-testid="claim-status">
                <StatusBadge status={claim.status} map={CLAIM_STATUS} />
              </span>
              {claim.frequency !== '1' ? <Badge variant="outline" color="gray">{FREQUENCY_LABELS[claim.frequency] ?? `Frequency ${claim.frequency}`}</Badge> : null}
            </Group>
            <Text size="sm">
              <Anchor component={Link} to={`/patients/${claim.patient_id}`}>
                {claim.patient.name}
              </Anchor>{' '}
              <Text span c="dimmed" size="sm">
                MRN <span className="mono">{claim.patient.mrn}</span>
              </Text>{' '}
              · DOS {formatDate(claim.service_date)} · {claim.payer_name} ({PRIORITIES[claim.payer_order]?.toLowerCase() ?? claim.payer_order})
            </Text>
            <Text size="xs" c="dimmed">
              {claim.payer_claim_number ? `Payer claim number ${claim.payer_claim_number} · ` : ''}
              {claim.scrubbed_at ? `Scrubbed ${formatDateTime(claim.scrubbed_at)}` : 'Not scrubbed yet'}
              {claim.submitted_at ? ` · Submitted ${formatDateTime(claim.submitted_at)}` : ''}
              {claim.replaces_id ? (
                <>
                  {' · Replaces '}
                  <Anchor component={Link} to={`/billing/claims/${claim.replaces_id}`} size="xs">
                    claim {claim.replaces_id}
                  </Anchor>
                </>
              ) : null}
            </Text>
          </Stack>
          <ClaimActions claim={claim} canWrite={canWrite} />
        </Group>
        {claim.replaced_by ? (
          <Alert color="violet" title="Replaced">
            This claim was replaced by{' '}
            <Anchor component={Link} to={`/billing/claims/${claim.replaced_by}`}>
              claim {claim.replaced_by}
            </Anchor>
            . It is kept as it was, with its history.
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function ClaimDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const [fixing, setFixing] = useState(false);
  const q = useQuery({ queryKey: ['claim', id], queryFn: ({ signal }) => claimCalls.get(id, signal) });
  const encounterId = q.data?.encounter_id;
  const enc = useQuery({
    queryKey: ['encounter', String(encounterId)],
    queryFn: ({ signal }) => api.get<Encounter>(`/encounters/${encounterId}`, undefined, signal),
    enabled: Boolean(encounterId),
  });
  if (!q.data) return <RecordState query={q} />;
  const claim = q.data;
  const canFix = session.can('charge.write') && isFixable(claim.status) && !claim.replaced_by;

  return (
    <Stack gap="md">
      <ClaimHeader claim={claim} canWrite={session.can('claim.write')} />
      <Section
        title="Edits"
        right={
          <Group gap="sm">
            <EditCounts errors={claim.errors} warnings={claim.warnings} />
            {canFix && !fixing ? (
              <Button size="xs" leftSection={<IconPencil size={14} />} onClick={() => setFixing(true)} disabled={!enc.data}>
                Fix and re-scrub
              </Button>
            ) : null}
          </Group>
        }
      >
        <ClaimEdits edits={claim.edits} patientId={claim.patient_id} />
        {fixing && enc.data ? (
          <Paper p="md" mt="md" bg="gray.0" withBorder={false}>
            <ClaimFixer key={`${claim.id}-${enc.data.id}`} claim={claim} encounter={enc.data} onDone={() => setFixing(false)} />
          </Paper>
        ) : null}
      </Section>
      <Section title="Lines">
        <ClaimLines claim={claim} encounter={enc.data} />
      </Section>
      <Section title="History">
        <ClaimHistory history={claim.history} />
      </Section>
    </Stack>
  );
}
