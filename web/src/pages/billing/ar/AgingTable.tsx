// The A/R aging table: a row per payer (or patient) with what it owes in each age bucket and
// in all, the totals underneath. Each name opens what is behind it: the payer's claims, the
// patient's account, or the aging by patient for what patients owe.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor } from '@mantine/core';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { CURRENCY, formatMoney } from '../../../lib/format';
import type { AgingRow, ArAging } from '../../../lib/types';

type Row = AgingRow & { key: string };

const money = (c: number) => formatMoney(c, { symbol: false });
const SYMBOL = CURRENCY === 'USD' ? '$' : CURRENCY;

function target(aging: ArAging, r: AgingRow): string {
  if (aging.by === 'patient') return `/patients/${r.id}?tab=account`;
  return r.id ? `/billing/claims?payer_id=${r.id}` : `/billing/ar/aging?by=patient&as_of=${aging.as_of}`;
}

function sortRows(rows: Row[], s: DataTableSortStatus<Row>): Row[] {
  const dir = s.direction === 'asc' ? 1 : -1;
  const key = String(s.columnAccessor);
  const value = (r: Row): number | string => (key === 'name' ? r.name : key === 'total_cents' ? r.total_cents : r.cents[Number(key.replace('b', ''))]);
  return [...rows].sort((a, b) => {
    const x = value(a),
      y = value(b);
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir || a.name.localeCompare(b.name);
  });
}

export function AgingTable({ aging }: { aging: ArAging }) {
  const [sort, setSort] = useState<DataTableSortStatus<Row>>({ columnAccessor: 'total_cents', direction: 'desc' });
  const rows = sortRows(
    aging.rows.map((r) => ({ ...r, key: String(r.id ?? 'patients') })),
    sort,
  );
  return (
    <DataTable<Row>
      aria-label={`A/R aging by ${aging.by}`}
      withTableBorder
      borderRadius="sm"
      striped
      horizontalSpacing={8}
      minHeight={rows.length ? undefined : 140}
      records={rows}
      idAccessor="key"
      noRecordsText="Nothing is owed as of this date"
      sortStatus={sort}
      onSortStatusChange={setSort}
      groups={[
        {
          id: 'who',
          title: <span className="visually-hidden">{aging.by === 'payer' ? 'Payer' : 'Patient'}</span>,
          columns: [
            {
              accessor: 'name',
              title: aging.by === 'payer' ? 'Payer' : 'Patient',
              sortable: true,
              render: (r) => (
                <Anchor component={Link} to={target(aging, r)} size="sm">
                  {r.name || `Patient ${r.id}`}
                </Anchor>
              ),
              footer: 'Total',
            },
          ],
        },
        {
          id: 'days',
          title: 'Days since the date of service',
          textAlign: 'center',
          columns: aging.buckets.map((b, i) => ({
            accessor: `b${i}`,
            title: `${b.replace('-', '–')} (${SYMBOL})`,
            textAlign: 'right' as const,
            noWrap: true,
            sortable: true,
            cellsClassName: 'num',
            render: (r: Row) => (r.cents[i] ? money(r.cents[i]) : ''),
            footer: money(aging.totals.cents[i]),
          })),
        },
        {
          id: 'all',
          title: <span className="visually-hidden">All</span>,
          columns: [
            {
              accessor: 'total_cents',
              title: `Total (${SYMBOL})`,
              textAlign: 'right',
              noWrap: true,
              sortable: true,
              cellsClassName: 'num',
              cellsStyle: () => ({ fontWeight: 600 }),
              render: (r) => money(r.total_cents),
              footer: money(aging.totals.total_cents),
            },
          ],
        },
      ]}
    />
  );
}
