// What saving a superbill did: the charges, and the claims built from them with their
// status and edits, each a link to the claim.
import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../../lib/api';
import { PRIORITIES } from '../../../lib/billing';
import { formatDate, formatMoney } from '../../../lib/format';
import { CLAIM_STATUS } from '../../../lib/status';
import { ClaimEdits, EditCounts } from '../../../components/billing/ClaimEdits';
import { StatusBadge } from '../../../components/StatusBadge';
import type { SavedEncounter } from './Superbill';

export function SavedResult({ saved, onNext, hasNext }: { saved: SavedEncounter; onNext: () => void; hasNext: boolean }) {
  const { encounter: enc, claims, claimError } = saved;
  const selfPay = claimError instanceof ApiError && claimError.status === 422;
  return (
    <Stack gap="md">
      <Paper p="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="xs">
              <IconCircleCheck size={22} color="var(--mantine-color-teal-7)" aria-hidden />
              <Title order={2} size="h3">
                Charges saved
              </Title>
            </Group>
            <Text size="sm">
              <Anchor component={Link} to={`/patients/${enc.patient_id}`}>
                {enc.patient.name}
              </Anchor>{' '}
              · {formatDate(enc.service_date)} · {enc.lines.length} {enc.lines.length === 1 ? 'line' : 'lines'} ·{' '}
              <Text span fw={600}>
                {formatMoney(enc.total_cents)}
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              Entered {enc.charge_lag_days === 0 ? 'on the day of the visit' : `${enc.charge_lag_days} ${enc.charge_lag_days === 1 ? 'day' : 'days'} after the visit`}
            </Text>
          </Stack>
          <Button variant="light" onClick={onNext}>
            {hasNext ? 'Next visit' : 'Done'}
          </Button>
        </Group>
      </Paper>
      {claims === null && !claimError ? (
        <Alert color="blue">The billing team builds the claims from these charges.</Alert>
      ) : null}
      {claimError ? (
        <Alert color={selfPay ? 'orange' : 'red'} title={selfPay ? 'No claim: bill the patient' : 'The claims were not built'} role="alert">
          {errorMessage(claimError).replace(/^./, (c) => c.toUpperCase())}.
        </Alert>
      ) : null}
      {(claims ?? []).map((c) => (
        <Paper p="md" key={c.id} data-testid={`built-claim-${c.id}`}>
          <Group justify="space-between" mb="xs" wrap="wrap">
            <Group gap="sm">
              <Anchor component={Link} to={`/billing/claims/${c.id}`} fw={600}>
                Claim {c.id}
              </Anchor>
              <Text size="sm">
                {c.payer_name}{' '}
                <Text span c="dimmed" size="sm">
                  ({PRIORITIES[c.payer_order]?.toLowerCase() ?? `payer ${c.payer_order}`})
                </Text>
              </Text>
              <StatusBadge status={c.status} map={CLAIM_STATUS} />
              <EditCounts errors={c.errors} warnings={c.warnings} />
            </Group>
            <Text size="sm" className="num">
              {formatMoney(c.total_cents)}
              {c.expected_cents !== null ? (
                <Text span c="dimmed" size="sm">
                  {' '}
                  · expected {formatMoney(c.expected_cents)}
                </Text>
              ) : null}
            </Text>
          </Group>
          <ClaimEdits edits={c.edits} patientId={c.patient_id} compact />
        </Paper>
      ))}
    </Stack>
  );
}
