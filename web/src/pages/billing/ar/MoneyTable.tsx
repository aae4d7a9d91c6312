// The money report's table: a row per provider, payer, code or month with its charges,
// payments and adjustments, sortable, the totals underneath (months in order, else most
// charges first).
import { useState } from 'react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { formatMoney } from '../../../lib/format';
import type { MoneyBy, MoneyRow } from '../../../lib/types';
import { moneyColumn } from '../../../components/billing/money';
import { columnTitle, moneyTotals, rowName } from './money';

type Key = keyof MoneyRow;

function sortRows(rows: MoneyRow[], s: DataTableSortStatus<MoneyRow>): MoneyRow[] {
  const dir = s.direction === 'asc' ? 1 : -1;
  const k = s.columnAccessor as Key;
  return [...rows].sort((a, b) => {
    const x = a[k],
      y = b[k];
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir || a.name.localeCompare(b.name);
  });
}

const money = (c: number) => formatMoney(c, { symbol: false });

export function MoneyTable({ by, rows }: { by: MoneyBy; rows: MoneyRow[] }) {
  const [sort, setSort] = useState<{ by: MoneyBy; s: DataTableSortStatus<MoneyRow> } | null>(null);
  // Each grouping starts in its natural order; a heading pressed changes it until the grouping does.
  const status: DataTableSortStatus<MoneyRow> =
    sort?.by === by ? sort.s : by === 'month' ? { columnAccessor: 'name', direction: 'asc' } : { columnAccessor: 'charges_cents', direction: 'desc' };
  const total = moneyTotals(rows);
  const column = (accessor: Key, title: string) => ({
    ...moneyColumn<MoneyRow>(accessor, title, (r) => r[accessor] as number),
    sortable: true,
    footer: money(total[accessor as keyof typeof total]),
  });
  return (
    <DataTable<MoneyRow>
      aria-label={`Money by ${by}`}
      withTableBorder
      borderRadius="sm"
      striped
      horizontalSpacing={6}
      minHeight={rows.length ? undefined : 140}
      records={sortRows(rows, status)}
      idAccessor="name"
      noRecordsText="No charges, payments or adjustments in this period"
      sortStatus={status}
      onSortStatusChange={(s) => setSort({ by, s })}
      columns={[
        { accessor: 'name', title: columnTitle(by), sortable: true, render: (r) => rowName(by, r), footer: 'Total' },
        column('charges_cents', 'Charges'),
        column('payments_cents', 'Payments'),
        column('adjustments_cents', 'Adjustments'),
      ]}
    />
  );
}
