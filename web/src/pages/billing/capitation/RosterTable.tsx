// A month's roster as the payer sent it: each member id with the patient it was matched to (by
// the member id on the patient's coverage with the payer) and the member's rate; 50 at a time.
import { Link } from 'react-router-dom';
import { Anchor, Badge, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { CAPITATION_KEY, type RosterMember } from '../../../lib/capitation';
import { LoadMore, useCursorList } from '../../../lib/lists';
import { moneyColumn } from '../../../components/billing/money';
import { QueryState } from '../../../components/QueryState';

export function useRoster(contractId: number, month: string | null) {
  return useCursorList<RosterMember>([CAPITATION_KEY, 'roster', contractId, month], `/capitation-contracts/${contractId}/roster`, { month }, {
    enabled: contractId > 0 && !!month,
  });
}

export function RosterTable({ list }: { list: ReturnType<typeof useRoster> }) {
  if (list.isError) return <QueryState error={list.error} retry={() => void list.refetch()} />;
  return (
    <>
      <DataTable<RosterMember>
        aria-label="Roster"
        withTableBorder
        borderRadius="sm"
        striped
        minHeight={list.items.length ? undefined : 140}
        fetching={list.isLoading}
        records={list.items}
        idAccessor="member_id"
        noRecordsText="No roster for this month"
        columns={[
          { accessor: 'member_id', title: 'Member ID', cellsClassName: 'mono' },
          {
            accessor: 'patient_name',
            title: 'Patient',
            render: (m) =>
              m.patient_id ? (
                <Anchor component={Link} to={`/patients/${m.patient_id}`} size="sm">
                  {m.patient_name}
                </Anchor>
              ) : (
                <Badge color="orange" variant="light">
                  Not matched
                </Badge>
              ),
          },
          { accessor: 'mrn', title: 'MRN', render: (m) => <Text size="sm" className="mono">{m.mrn ?? ''}</Text> },
          moneyColumn<RosterMember>('rate_cents', 'Rate', (m) => m.rate_cents),
        ]}
      />
      <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} noun="members" />
    </>
  );
}
