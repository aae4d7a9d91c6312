// Denial report: the denials of a period (by the day denied) by the first reason the payer gave
// or by payer, with how each was worked (open, appealed, resubmitted, written off, closed); the
// period's figures as cards, bars to compare the rows, the table with its totals (each row
// opening the Denials worklist filtered by it), and the same table as CSV or XLSX (audited).
// The grouping and the period are in the address.
import { SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatCount, formatDate, formatMoney } from '../../lib/format';
import { useUrlParams } from '../../lib/params';
import { reportCalls, type DenialReport } from '../../lib/reports';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { chartNote, DenialReportChart } from './ar/DenialReportChart';
import { DenialReportTable } from './ar/DenialReportTable';
import { DENIAL_BY, denialBy } from './ar/denialReport';
import { FigureCard, type Figure } from './ar/FigureCard';
import { PeriodPicker } from './ar/PeriodPicker';
import { ReportDownloads } from './ar/ReportDownloads';
import { usePeriod } from './ar/period';

function figures(r: DenialReport): Figure[] {
  const t = r.totals;
  return [
    { key: 'denials', label: 'Denials', value: formatCount(t.denials), meaning: 'Claim lines the payers denied in the period.' },
    { key: 'amount', label: 'Amount denied', value: formatMoney(t.amount_cents), meaning: 'What those lines charged the payers.' },
    {
      key: 'unresolved',
      label: 'Unresolved',
      value: formatMoney(t.unresolved_cents),
      meaning: `Still open, appealed or resubmitted: ${formatCount(t.open + t.appealed + t.resubmitted)} of the denials.`,
      link: { to: '/billing/ar/denials', label: 'Work the open denials' },
    },
    {
      key: 'done',
      label: 'Written off or closed',
      value: formatCount(t.written_off + t.closed),
      meaning: `${formatCount(t.written_off)} written off, ${formatCount(t.closed)} closed.`,
    },
  ];
}

export function DenialsReportPage() {
  const [params, set] = useUrlParams();
  const by = denialBy(params.get('by'));
  const { period, preset, error, today, setPeriod } = usePeriod();
  const q = useQuery({
    queryKey: ['ar', 'denials-report', by, period.from, period.to],
    queryFn: ({ signal }) => reportCalls.denials(by, period, signal),
    enabled: !error,
    placeholderData: keepPreviousData,
  });
  const r = q.data;
  return (
    <>
      <PageHeader
        title="Denial report"
        description={`Denials by ${by === 'reason' ? 'first reason' : 'payer'} and how they were worked: ${formatDate(period.from)} to ${formatDate(period.to)}.`}
        actions={<ReportDownloads path="/reports/denials" query={{ by, from: period.from, to: period.to }} disabled={!!error} />}
      />
      <Stack gap="md">
        <SegmentedControl
          aria-label="Group by"
          value={by}
          onChange={(v) => set({ by: v === 'reason' ? null : v })}
          data={DENIAL_BY.map((b) => ({ value: b.value, label: `By ${b.label.toLowerCase()}` }))}
          style={{ alignSelf: 'flex-start' }}
        />
        <PeriodPicker period={period} preset={preset} error={error} today={today} onChange={setPeriod} />
        {q.isError ? <QueryState error={q.error} retry={() => void q.refetch()} /> : null}
        {r && !error ? (
          <Stack gap="md" style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }} data-testid="denials-report" data-period={`${r.by}/${r.from}/${r.to}`}>
            <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
              {figures(r).map((f) => (
                <FigureCard key={f.key} figure={f} />
              ))}
            </SimpleGrid>
            <Section
              title={`Denials by ${r.by === 'reason' ? 'first reason' : 'payer'}`}
              right={
                <Text size="sm" c="dimmed">
                  {chartNote(r.rows)}
                </Text>
              }
            >
              <DenialReportChart by={r.by} rows={r.rows} />
            </Section>
            <DenialReportTable by={r.by} rows={r.rows} totals={r.totals} />
            <Text size="xs" c="dimmed">
              A denial counts in the period of the day it was denied, under the first reason the payer gave. A reason or payer opens the Denials
              worklist with every denial that carries that reason (first or not) or is that payer’s, of any date.
            </Text>
          </Stack>
        ) : !error ? (
          <QueryState isLoading={q.isLoading} />
        ) : null}
      </Stack>
    </>
  );
}
