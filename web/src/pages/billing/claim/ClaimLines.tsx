// A claim's diagnoses and service lines with each line's charge and expected payment.
import { Group, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { dxLetter } from '../../../lib/billing';
import { formatMoney } from '../../../lib/format';
import type { ClaimDetail, ClaimLine, Encounter } from '../../../lib/types';
import { moneyColumn } from '../../../components/billing/money';

export function ClaimLines({ claim, encounter }: { claim: ClaimDetail; encounter: Encounter | undefined }) {
  return (
    <>
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
          { accessor: 'code', title: 'Code', render: (l) => <span className="mono">{l.code}</span> },
          { accessor: 'modifiers', title: 'Modifiers', render: (l) => <span className="mono">{l.modifiers.join(' ')}</span> },
          { accessor: 'units', title: 'Units', textAlign: 'right' },
          { accessor: 'pointers', title: 'Diagnoses', render: (l) => l.pointers.map((p) => dxLetter(p - 1)).join(', ') },
          moneyColumn<ClaimLine>('charge_cents', 'Charge', (l) => l.charge_cents),
          moneyColumn<ClaimLine>('expected_cents', 'Expected', (l) => l.expected_cents),
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
