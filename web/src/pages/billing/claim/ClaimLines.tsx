// A claim's diagnoses and service lines with each line's charge and expected payment; lines
// the payer's capitation contract covers are marked, expect $0.00 and, when they are all the
// claim, it is said to be encounter data.
import { Alert, Badge, Group, Text, Tooltip } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { dxLetter } from '../../../lib/billing';
import { formatMoney } from '../../../lib/format';
import type { ClaimDetail, ClaimLine, Encounter } from '../../../lib/types';
import { moneyColumn } from '../../../components/billing/money';

const CAPITATED_SENTENCE = `Covered by the payer's capitation contract: reported as encounter data, expected ${formatMoney(0)}`;

/** A capitated line's mark: the word, with what it means in the tooltip and for screen readers. */
function CapitationBadge() {
  return (
    <Tooltip label={CAPITATED_SENTENCE} multiline w={280} withinPortal events={{ hover: true, focus: true, touch: true }}>
      <Badge color="teal" variant="light" size="sm" data-testid="capitation-badge" aria-label={`Capitation. ${CAPITATED_SENTENCE}`} tabIndex={0}>
        Capitation
      </Badge>
    </Tooltip>
  );
}

export function ClaimLines({ claim, encounter }: { claim: ClaimDetail; encounter: Encounter | undefined }) {
  const encounterData = claim.lines.length > 0 && claim.lines.every((l) => l.capitated);
  return (
    <>
      {encounterData ? (
        <Alert color="teal" variant="light" mb="sm" p="xs" role="note" data-testid="encounter-data">
          <Text size="sm">
            <b>Encounter data:</b> this claim reports capitated services; the payer pays per member per month, not per visit.
          </Text>
        </Alert>
      ) : null}
      {encounter ? (
        <Group gap="md" mb="sm" aria-label="Diagnoses">
          {encounter.diagnoses.map((d, i) => (
            <Text size="sm" key={d}>
              <Text span fw={700} size="sm">
                {dxLetter(i)}
              </Text>{' '}
              <span className="mono">{d}</span>
            </Text>
          ))}
        </Group>
      ) : null}
      <DataTable<ClaimLine>
        aria-label="Claim lines"
        withTableBorder
        borderRadius="sm"
        striped
        records={claim.lines}
        idAccessor="line_no"
        noRecordsText="No lines"
        minHeight={claim.lines.length ? undefined : 120}
        columns={[
          { accessor: 'line_no', title: '#', width: 40 },
          {
            accessor: 'code',
            title: 'Code',
            render: (l) => (
              <Group gap={6} wrap="nowrap">
                <span className="mono">{l.code}</span>
                {l.capitated ? <CapitationBadge /> : null}
              </Group>
            ),
          },
          { accessor: 'modifiers', title: 'Modifiers', render: (l) => <span className="mono">{l.modifiers.join(' ')}</span> },
          { accessor: 'units', title: 'Units', textAlign: 'right' },
          { accessor: 'pointers', title: 'Diagnoses', render: (l) => l.pointers.map((p) => dxLetter(p - 1)).join(', ') },
          moneyColumn<ClaimLine>('charge_cents', 'Charge', (l) => l.charge_cents),
          moneyColumn<ClaimLine>('expected_cents', 'Expected', (l) => (l.capitated ? 0 : l.expected_cents)),
        ]}
      />
      <Group justify="flex-end" gap="xl" mt="xs" pr="sm">
        <Text size="sm">
          Total <b className="num">{formatMoney(claim.total_cents)}</b>
        </Text>
        <Text size="sm">
          Expected <b className="num">{claim.expected_cents === null ? '—' : formatMoney(claim.expected_cents)}</b>
        </Text>
      </Group>
    </>
  );
}
