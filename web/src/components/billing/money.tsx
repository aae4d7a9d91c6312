// Amounts in tables: right-aligned, two decimals, the currency symbol once (in the heading).
import type { DataTableColumn } from 'mantine-datatable';
import { CURRENCY, formatMoney } from '../../lib/format';

/** A money column: "Total ($)", figures without the symbol; blank for none. */
export function moneyColumn<T>(accessor: string, title: string, get: (r: T) => number | null | undefined): DataTableColumn<T> {
  return {
    accessor,
    title: `${title} (${CURRENCY === 'USD' ? '$' : CURRENCY})`,
    textAlign: 'right',
    noWrap: true,
    cellsClassName: 'num',
    render: (r) => formatMoney(get(r), { symbol: false }),
  };
}
