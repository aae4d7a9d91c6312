// Revenue per member: over a range of months (in the address; the last 12 unless chosen), what
// capitation contracts paid against what their rosters expected, per member, beside how often
// members came in and what their visits would have charged fee-for-service; bars by month and
// the table by contract and month with its totals.
import { Link } from 'react-router-dom';
import { Anchor, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CAPITATION_KEY, capitationCalls } from '../../lib/capitation';
import { formatMonth } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { MonthRangePicker } from './capitation/MonthRangePicker';
import { useMonthRange } from './capitation/monthRange';
import { RevenueChart } from './capitation/RevenueChart';
import { RevenueFigures } from './capitation/RevenueFigures';
import { RevenueTable } from './capitation/RevenueTable';

export function CapitationRevenuePage() {
  const { range, preset, error, now, setRange } = useMonthRange();
  const q = useQuery({
    queryKey: [CAPITATION_KEY, 'report', range.from, range.to],
    queryFn: ({ signal }) => capitationCalls.report(range.from, range.to, signal),
    enabled: !error,
    placeholderData: keepPreviousData,
  });
  const r = q.data;
  return (
    <>
      <Anchor component={Link} to="/billing/ar/capitation" size="sm">
        ← Capitation
      </Anchor>
      <PageHeader
        title="Revenue per member"
        description={`What capitation paid per member against what the rosters expected: ${formatMonth(range.from)} to ${formatMonth(range.to)}.`}
      />
      <Stack gap="md">
        <MonthRangePicker range={range} preset={preset} error={error} now={now} onChange={setRange} />
        {q.isError ? <QueryState error={q.error} retry={() => void q.refetch()} /> : null}
        {r && !error ? (
          <Stack gap="md" style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }} data-testid="capitation-report" data-range={`${r.from}/${r.to}`}>
            <RevenueFigures report={r} />
            <Section title="Expected and paid by month">
              <RevenueChart rows={r.rows} />
            </Section>
            <RevenueTable report={r} />
            <Text size="xs" c="dimmed">
              Paid counts the payments of each month that were not reversed, whenever they arrived. Visits are the members’ visits whose lines the
              contract covers; their charges are what those lines would have billed fee-for-service. Per member is divided by the month’s roster.
            </Text>
          </Stack>
        ) : !error ? (
          <QueryState isLoading={q.isLoading} />
        ) : null}
      </Stack>
    </>
  );
}
