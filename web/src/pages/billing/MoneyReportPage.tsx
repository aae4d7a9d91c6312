// Money report: a period's charges, payments (counted against the charge they paid) and
// adjustments by provider, payer, procedure code or month; bars to compare the rows, the table
// with every figure and its totals, the same table as CSV or XLSX (audited). The grouping and
// the period are in the address.
import { SegmentedControl, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatDate } from '../../lib/format';
import { ledgerCalls } from '../../lib/ledger';
import { useUrlParams } from '../../lib/params';
import type { MoneyBy } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { chartNote, MoneyChart } from './ar/MoneyChart';
import { MoneyTable } from './ar/MoneyTable';
import { MONEY_BY, moneyBy } from './ar/money';
import { PeriodPicker } from './ar/PeriodPicker';
import { ReportDownloads } from './ar/ReportDownloads';
import { usePeriod } from './ar/period';

export function MoneyReportPage() {
  const [params, set] = useUrlParams();
  const by = moneyBy(params.get('by'));
  const { period, preset, error, today, setPeriod } = usePeriod();
  const q = useQuery({
    queryKey: ['ar', 'money', by, period.from, period.to],
    // The grouping goes with its rows: while another loads, the rows shown keep their own.
    queryFn: async ({ signal }) => ({ by, rows: await ledgerCalls.money(by, period, signal) }),
    enabled: !error,
    placeholderData: keepPreviousData,
  });
  const label = (b: MoneyBy) => MONEY_BY.find((x) => x.value === b)!.label.toLowerCase();
  return (
    <>
      <PageHeader
        title="Money report"
        description={`Charges, payments and adjustments by ${label(by)}: ${formatDate(period.from)} to ${formatDate(period.to)}.`}
        actions={<ReportDownloads path="/reports/money" query={{ by, from: period.from, to: period.to }} disabled={!!error} />}
      />
      <Stack gap="md">
        <SegmentedControl
          aria-label="Group by"
          value={by}
          onChange={(v) => set({ by: v === 'provider' ? null : v })}
          data={MONEY_BY.map((b) => ({ value: b.value, label: `By ${b.label.toLowerCase()}` }))}
          style={{ alignSelf: 'flex-start' }}
        />
        <PeriodPicker period={period} preset={preset} error={error} today={today} onChange={setPeriod} />
        {q.isError ? <QueryState error={q.error} retry={() => void q.refetch()} /> : null}
        {q.data && !error ? (
          <Stack gap="md" style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }} data-testid="money-report">
            <Section
              title={`Charges, payments and adjustments by ${label(q.data.by)}`}
              right={
                <Text size="sm" c="dimmed">
                  {chartNote(q.data.by, q.data.rows)}
                </Text>
              }
            >
              <MoneyChart by={q.data.by} rows={q.data.rows} />
            </Section>
            <MoneyTable by={q.data.by} rows={q.data.rows} />
            <Text size="xs" c="dimmed">
              Payments count against the charge they paid, on the day they were posted; money kept as a patient’s credit counts once it is
              applied to a charge (the revenue-cycle page counts cash as it is received). By payer, “Patients” is what patients were charged and
              paid themselves; by provider and by code, “Not a visit’s” is what is not tied to a visit’s charge. Adjustments include
              contractual adjustments and write-offs.
            </Text>
          </Stack>
        ) : !error ? (
          <QueryState isLoading={q.isLoading} />
        ) : null}
      </Stack>
    </>
  );
}
