// Revenue per member, a row per contract and month: the roster's members, what it expected,
// what was paid and per member, the members' capitated visits and what they would have
// charged, per member; the report's totals underneath. A contract's month opens its page.
// The columns are grouped: the roster, the capitation money, the members' visits.
import { Link } from 'react-router-dom';
import { Anchor, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { CapReport, CapReportRow } from '../../../lib/capitation';
import { formatCount, formatMoney, formatMonth } from '../../../lib/format';
import { moneyColumn } from '../../../components/billing/money';

const money = (c: number) => formatMoney(c, { symbol: false });

export function RevenueTable({ report }: { report: CapReport }) {
  const t = report.totals;
  const count = (accessor: keyof CapReportRow, title: string, footer: number): DataTableColumn<CapReportRow> => ({
    accessor,
    title,
    textAlign: 'right',
    cellsClassName: 'num',
    render: (r) => formatCount(r[accessor] as number),
    footer: formatCount(footer),
  });
  const cents = (accessor: keyof CapReportRow, title: string, footer: number | null): DataTableColumn<CapReportRow> => ({
    ...moneyColumn<CapReportRow>(accessor, title, (r) => r[accessor] as number),
    footer: footer === null ? '' : money(footer),
  });
  const month: DataTableColumn<CapReportRow> = {
    accessor: 'month',
    title: 'Month',
    noWrap: true,
    render: (r) => (
      <Anchor component={Link} to={`/billing/ar/capitation/${r.contract_id}?month=${r.month}`} size="sm">
        {formatMonth(r.month)}
      </Anchor>
    ),
    footer: 'Total',
  };
  const contract: DataTableColumn<CapReportRow> = {
    accessor: 'contract',
    title: 'Contract',
    width: 200,
    render: (r) => (
      <>
        <Text size="sm" lh={1.3}>
          {r.contract}
        </Text>
        <Text size="xs" c="dimmed" lh={1.3}>
          {r.payer}
        </Text>
      </>
    ),
  };
  return (
    <DataTable<CapReportRow>
      aria-label="Revenue per member"
      withTableBorder
      borderRadius="sm"
      striped
      horizontalSpacing={6}
      minHeight={report.rows.length ? undefined : 140}
      records={report.rows}
      idAccessor={(r) => `${r.contract_id}-${r.month}`}
      noRecordsText="No roster in these months"
      groups={[
        { id: 'roster', title: 'Roster', columns: [month, contract, count('members', 'Members', t.member_months)] },
        {
          id: 'paid',
          title: 'Capitation',
          textAlign: 'center',
          columns: [
            cents('expected_cents', 'Expected', t.expected_cents),
            cents('paid_cents', 'Paid', t.paid_cents),
            cents('revenue_per_member_cents', 'Per member', t.revenue_per_member_cents),
          ],
        },
        {
          id: 'visits',
          title: 'Members’ visits',
          textAlign: 'center',
          columns: [
            count('visits', 'Visits', t.visits),
            cents('capitated_charges_cents', 'Charges', t.capitated_charges_cents),
            cents('charges_per_member_cents', 'Per member', t.member_months ? Math.trunc(t.capitated_charges_cents / t.member_months) : 0),
          ],
        },
      ]}
    />
  );
}
