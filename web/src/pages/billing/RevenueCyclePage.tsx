// Revenue cycle: how well the practice turns its visits into money over a period, as the
// indicators a practice manager follows (days in A/R, collection rates, denials, clean claims,
// first-pass resolution, A/R over 90 days, charge lag), each on a card with what it means and
// the two figures it is made of; the period's money as bars; the indicators as CSV or XLSX.
// The period is in the address.
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatDate } from '../../lib/format';
import { ledgerCalls } from '../../lib/ledger';
import { PageHeader } from '../../components/PageHeader';
import { ReportDownloads } from './ar/ReportDownloads';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { KpiCard } from './ar/KpiCard';
import { kpis } from './ar/kpis';
import { PeriodPicker } from './ar/PeriodPicker';
import { periodDays, usePeriod } from './ar/period';
import { TotalsChart } from './ar/TotalsChart';

export function RevenueCyclePage() {
  const { period, preset, error, today, setPeriod } = usePeriod();
  const q = useQuery({
    queryKey: ['ar', 'revenue-cycle', period.from, period.to],
    queryFn: ({ signal }) => ledgerCalls.revenueCycle(period, signal),
    enabled: !error,
    placeholderData: keepPreviousData,
  });
  const r = q.data;
  const days = periodDays(period);
  return (
    <>
      <PageHeader
        title="Revenue cycle"
        description={`How well the practice turns its visits into money: ${formatDate(period.from)} to ${formatDate(period.to)}${
          error ? '' : ` (${days} ${days === 1 ? 'day' : 'days'})`
        }.`}
        actions={<ReportDownloads path="/reports/revenue-cycle" query={{ from: period.from, to: period.to }} disabled={!!error} />}
      />
      <Stack gap="md">
        <PeriodPicker period={period} preset={preset} error={error} today={today} onChange={setPeriod} />
        {q.isError ? <QueryState error={q.error} retry={() => void q.refetch()} /> : null}
        {r && !error ? (
          <>
            <SimpleGrid
              cols={{ base: 1, xs: 2, lg: 4 }}
              spacing="md"
              data-testid="kpis"
              data-period={`${r.from}/${r.to}`}
              style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}
            >
              {kpis(r).map((k) => (
                <KpiCard key={k.key} kpi={k} />
              ))}
            </SimpleGrid>
            <Section title="Money in the period">
              <TotalsChart report={r} />
            </Section>
            <Text size="xs" c="dimmed">
              Money counts by the date of its journal entry; claims by the day they were sent, decided or denied; the charge lag by the day of
              the visit. Other adjustments include write-offs. An indicator shows “—” until there is something to divide by.
            </Text>
          </>
        ) : !error ? (
          <QueryState isLoading={q.isLoading} />
        ) : null}
      </Stack>
    </>
  );
}
