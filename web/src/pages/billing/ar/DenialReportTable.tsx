// The denials report's table: a row per first reason or payer with its denials, the amount,
// what is unresolved and how many were appealed, resubmitted, written off or closed; the totals
// underneath. Each row's name opens the Denials worklist filtered by that reason or payer.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Text } from '@mantine/core';
import { DataTable, type DataTableColumn, type DataTableSortStatus } from 'mantine-datatable';
import { usePayersAll } from '../../../lib/billing';
import { formatCount, formatMoney } from '../../../lib/format';
import type { DenialBy, DenialReportRow } from '../../../lib/reports';
import { moneyColumn } from '../../../components/billing/money';
import { DENIAL_BY, reasonMeaning, rowLink } from './denialReport';

type Key = keyof DenialReportRow;

function sortRows(rows: DenialReportRow[], s: DataTableSortStatus<DenialReportRow>): DenialReportRow[] {
  const dir = s.direction === 'asc' ? 1 : -1;
  const k = s.columnAccessor as Key;
  return [...rows].sort((a, b) => {
    const x = a[k],
      y = b[k];
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir || a.name.localeCompare(b.name);
  });
}

const COUNTS: [Key, string][] = [
  ['denials', 'Denials'],
  ['open', 'Open'],
  ['appealed', 'Appealed'],
  ['resubmitted', 'Resubmitted'],
  ['written_off', 'Written off'],
  ['closed', 'Closed'],
];

export function DenialReportTable({ by, rows, totals }: { by: DenialBy; rows: DenialReportRow[]; totals: DenialReportRow }) {
  const payers = usePayersAll(by === 'payer');
  const [sort, setSort] = useState<{ by: DenialBy; s: DataTableSortStatus<DenialReportRow> } | null>(null);
  const status: DataTableSortStatus<DenialReportRow> = sort?.by === by ? sort.s : { columnAccessor: 'amount_cents', direction: 'desc' };
  const count = ([accessor, title]: [Key, string]): DataTableColumn<DenialReportRow> => ({
    accessor,
    title,
    textAlign: 'right',
    sortable: true,
    cellsClassName: 'num',
    render: (r) => formatCount(r[accessor] as number),
    footer: formatCount(totals[accessor] as number),
  });
  const money = (accessor: Key, title: string): DataTableColumn<DenialReportRow> => ({
    ...moneyColumn<DenialReportRow>(accessor, title, (r) => r[accessor] as number),
    sortable: true,
    footer: formatMoney(totals[accessor] as number, { symbol: false }),
  });
  const column = DENIAL_BY.find((b) => b.value === by)!.column;
  return (
    <DataTable<DenialReportRow>
      aria-label={`Denials by ${by}`}
      withTableBorder
      borderRadius="sm"
      striped
      horizontalSpacing={6}
      minHeight={rows.length ? undefined : 140}
      records={sortRows(rows, status)}
      idAccessor="name"
      noRecordsText="No denial in this period"
      sortStatus={status}
      onSortStatusChange={(s) => setSort({ by, s })}
      columns={[
        {
          accessor: 'name',
          title: column,
          sortable: true,
          footer: 'Total',
          render: (r) => {
            const to = rowLink(by, r, payers.data);
            const meaning = reasonMeaning(by, r.name);
            return (
              <>
                {to ? (
                  <Anchor component={Link} to={to} size="sm" className={by === 'reason' ? 'mono' : undefined} title={`Open the denials ${by === 'reason' ? 'with' : 'of'} ${r.name}`}>
                    {r.name}
                  </Anchor>
                ) : (
                  <Text size="sm">{r.name}</Text>
                )}
                {meaning ? (
                  <Text size="xs" c="dimmed">
                    {meaning}
                  </Text>
                ) : null}
              </>
            );
          },
        },
        count(COUNTS[0]),
        money('amount_cents', 'Amount'),
        money('unresolved_cents', 'Unresolved'),
        ...COUNTS.slice(1).map(count),
      ]}
    />
  );
}
