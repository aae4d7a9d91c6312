// The money report's groupings (by provider, payer, procedure code or month), what each row's
// name is called, and how a row's name reads ("2026-10" as "Oct 2026").
import { formatMonth } from '../../../lib/format';
import type { MoneyBy, MoneyRow } from '../../../lib/types';

export const MONEY_BY: { value: MoneyBy; label: string; column: string }[] = [
  { value: 'provider', label: 'Provider', column: 'Provider' },
  { value: 'payer', label: 'Payer', column: 'Payer' },
  { value: 'code', label: 'Code', column: 'Procedure code' },
  { value: 'month', label: 'Month', column: 'Month' },
];

export function moneyBy(v: string | null): MoneyBy {
  return MONEY_BY.find((b) => b.value === v)?.value ?? 'provider';
}

export const columnTitle = (by: MoneyBy) => MONEY_BY.find((b) => b.value === by)!.column;

/** A row's name as read. */
export function rowName(by: MoneyBy, r: MoneyRow): string {
  return by === 'month' ? formatMonth(r.name) : r.name;
}

/** The totals of every row. */
export function moneyTotals(rows: MoneyRow[]): Omit<MoneyRow, 'name'> {
  return rows.reduce(
    (t, r) => ({
      charges_cents: t.charges_cents + r.charges_cents,
      payments_cents: t.payments_cents + r.payments_cents,
      adjustments_cents: t.adjustments_cents + r.adjustments_cents,
    }),
    { charges_cents: 0, payments_cents: 0, adjustments_cents: 0 },
  );
}
