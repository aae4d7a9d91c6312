// The accounts at their final notice or in collections that still owe: the patient (opening
// their page), the stage, the last statement, the balance and the last payment; the most
// advanced stage and the largest balance first, the total underneath.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Text } from '@mantine/core';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { formatDate, formatMoney } from '../../../lib/format';
import type { CollectionsAccount } from '../../../lib/reports';
import { moneyColumn } from '../../../components/billing/money';

const STAGES: Record<string, { label: string; color: string; rank: number }> = {
  collections: { label: 'In collections', color: 'red.8', rank: 2 },
  'final notice': { label: 'Final notice', color: 'orange', rank: 1 },
};

function sortRows(rows: CollectionsAccount[], s: DataTableSortStatus<CollectionsAccount>): CollectionsAccount[] {
  const dir = s.direction === 'asc' ? 1 : -1;
  const k = s.columnAccessor as keyof CollectionsAccount;
  const val = (a: CollectionsAccount) => (k === 'stage' ? (STAGES[a.stage]?.rank ?? 0) : a[k]);
  return [...rows].sort((a, b) => {
    const x = val(a),
      y = val(b);
    if (x === y) return b.balance_cents - a.balance_cents || a.patient_id - b.patient_id;
    if (x === null) return 1;
    if (y === null) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
  });
}

export function CollectionsTable({ accounts }: { accounts: CollectionsAccount[] }) {
  const [sort, setSort] = useState<DataTableSortStatus<CollectionsAccount>>({ columnAccessor: 'stage', direction: 'desc' });
  const total = accounts.reduce((s, a) => s + a.balance_cents, 0);
  return (
    <DataTable<CollectionsAccount>
      aria-label="Accounts at final notice or in collections"
      withTableBorder
      borderRadius="sm"
      striped
      horizontalSpacing={8}
      minHeight={accounts.length ? undefined : 120}
      records={sortRows(accounts, sort)}
      idAccessor="patient_id"
      noRecordsText="No account at its final notice or in collections owes anything"
      sortStatus={sort}
      onSortStatusChange={setSort}
      columns={[
        {
          accessor: 'name',
          title: 'Patient',
          sortable: true,
          footer: `${accounts.length} ${accounts.length === 1 ? 'account' : 'accounts'}`,
          render: (a) => (
            <>
              <Anchor component={Link} to={`/patients/${a.patient_id}?tab=account`} size="sm">
                {a.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                MRN <span className="mono">{a.mrn}</span>
              </Text>
            </>
          ),
        },
        {
          accessor: 'stage',
          title: 'Stage',
          sortable: true,
          render: (a) => (
            <Badge color={STAGES[a.stage]?.color ?? 'gray'} className="status-badge">
              {STAGES[a.stage]?.label ?? a.stage}
            </Badge>
          ),
        },
        { accessor: 'last_statement_on', title: 'Last statement', sortable: true, noWrap: true, render: (a) => formatDate(a.last_statement_on) },
        { ...moneyColumn<CollectionsAccount>('balance_cents', 'Owes now', (a) => a.balance_cents), sortable: true, footer: formatMoney(total, { symbol: false }) },
        {
          accessor: 'last_payment_on',
          title: 'Last payment',
          sortable: true,
          noWrap: true,
          render: (a) => (a.last_payment_on ? formatDate(a.last_payment_on) : <Text span size="sm" c="dimmed">None</Text>),
        },
      ]}
    />
  );
}
