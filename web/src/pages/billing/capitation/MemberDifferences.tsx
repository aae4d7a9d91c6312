// Where the payer's member detail and the roster disagree: members on the roster it paid
// nothing for, members it paid who are not on the roster, and members paid another amount than
// their rate; each with the patient it is (when known) and the two amounts.
import { Link } from 'react-router-dom';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import type { MemberDifference, Reconciliation } from '../../../lib/capitation';
import { formatCount } from '../../../lib/format';
import { moneyColumn } from '../../../components/billing/money';

const KINDS = [
  { key: 'unpaid', title: 'Unpaid', meaning: 'On the roster, but the payer’s detail pays them nothing.' },
  { key: 'not_on_roster', title: 'Not on the roster', meaning: 'Paid by the payer, but not on the month’s roster.' },
  { key: 'wrong_amount', title: 'Wrong amount', meaning: 'Paid another amount than their rate on the roster.' },
] as const;

function Differences({ title, meaning, rows, names }: { title: string; meaning: string; rows: MemberDifference[]; names: Map<number, string> }) {
  return (
    <Stack gap={6} data-testid={`diff-${title}`}>
      <div>
        <Title order={3} size="h5">
          {title} ({formatCount(rows.length)})
        </Title>
        <Text size="xs" c="dimmed">
          {meaning}
        </Text>
      </div>
      <DataTable<MemberDifference>
        aria-label={title}
        withTableBorder
        borderRadius="sm"
        striped
        records={rows}
        idAccessor="member_id"
        columns={[
          { accessor: 'member_id', title: 'Member ID', cellsClassName: 'mono', width: '18%' },
          {
            accessor: 'patient_id',
            title: 'Patient',
            width: '30%',
            render: (m) =>
              m.patient_id ? (
                <Anchor component={Link} to={`/patients/${m.patient_id}`} size="sm">
                  {names.get(m.patient_id) ?? 'Open the patient'}
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  Not matched
                </Text>
              ),
          },
          moneyColumn<MemberDifference>('expected_cents', 'Expected', (m) => m.expected_cents),
          moneyColumn<MemberDifference>('paid_cents', 'Paid', (m) => m.paid_cents),
          moneyColumn<MemberDifference>('difference', 'Difference', (m) => m.paid_cents - m.expected_cents),
        ]}
      />
    </Stack>
  );
}

/** Whether the month has differences to show. */
export const hasDifferences = (r: Reconciliation) => KINDS.some((k) => (r[k.key]?.length ?? 0) > 0);

export function MemberDifferences({ recon, names }: { recon: Reconciliation; names: Map<number, string> }) {
  return (
    <Stack gap="md">
      {KINDS.map((k) => {
        const rows = recon[k.key] ?? [];
        return rows.length ? <Differences key={k.key} title={k.title} meaning={k.meaning} rows={rows} names={names} /> : null;
      })}
      <Text size="xs" c="dimmed">
        From the member detail of the payments that still count; at most 500 of each are listed.
      </Text>
    </Stack>
  );
}
