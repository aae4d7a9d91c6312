// Patient collections: of a period, what became patients' to pay (self-pay charges, their
// shares from payers, transfers), what they paid (less refunds) and the rate, what was paid
// at the desk on the day of a visit, refunded, and adjusted or written off, as cards; then the
// accounts at their final notice or in collections that still owe, each opening the patient.
// The period is in the address.
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatDate, formatMoney, formatPercent } from '../../lib/format';
import { reportCalls, type CollectionsReport } from '../../lib/reports';
import { PageHeader } from '../../components/PageHeader';
import { ReportDownloads } from './ar/ReportDownloads';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { CollectionsTable } from './ar/CollectionsTable';
import { FigureCard, type Figure } from './ar/FigureCard';
import { PeriodPicker } from './ar/PeriodPicker';
import { usePeriod } from './ar/period';

function figures(r: CollectionsReport): Figure[] {
  const t = r.totals;
  return [
    {
      key: 'collection_rate',
      label: 'Collection rate',
      value: formatPercent(t.collection_rate === null ? null : t.collection_rate / 100),
      meaning:
        t.collection_rate === null
          ? 'Nothing became patients’ to pay in the period.'
          : `${formatMoney(t.patient_payments_cents)} paid ÷ ${formatMoney(t.patient_responsibility_cents)} patients’ responsibility.`,
    },
    {
      key: 'responsibility',
      label: 'Patients’ responsibility',
      value: formatMoney(t.patient_responsibility_cents),
      meaning: 'What became patients’ to pay: self-pay charges, their shares after insurance, balances moved to them.',
    },
    { key: 'payments', label: 'Patient payments', value: formatMoney(t.patient_payments_cents), meaning: 'What patients paid, less refunds.' },
    {
      key: 'visit_day',
      label: 'Paid on the day of the visit',
      value: formatMoney(t.paid_on_visit_day_cents),
      meaning: 'Taken at the desk on a day the patient was seen: copays and self-pay at check-out.',
    },
    { key: 'refunds', label: 'Refunds', value: formatMoney(t.refunds_cents), meaning: 'Paid back to patients.' },
    {
      key: 'adjusted',
      label: 'Adjusted or written off',
      value: formatMoney(t.adjusted_cents),
      meaning: 'Patients’ balances reduced without a payment.',
    },
  ];
}

export function CollectionsReportPage() {
  const { period, preset, error, today, setPeriod } = usePeriod();
  const q = useQuery({
    queryKey: ['ar', 'collections', period.from, period.to],
    queryFn: ({ signal }) => reportCalls.collections(period, signal),
    enabled: !error,
    placeholderData: keepPreviousData,
  });
  const r = q.data;
  return (
    <>
      <PageHeader
        title="Patient collections"
        description={`What patients owed and paid: ${formatDate(period.from)} to ${formatDate(period.to)}; the accounts at their final notice or in collections.`}
        actions={<ReportDownloads path="/reports/collections" query={{ from: period.from, to: period.to }} disabled={!!error} />}
      />
      <Stack gap="md">
        <PeriodPicker period={period} preset={preset} error={error} today={today} onChange={setPeriod} />
        {q.isError ? <QueryState error={q.error} retry={() => void q.refetch()} /> : null}
        {r && !error ? (
          <Stack gap="md" style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }} data-testid="collections-report" data-period={`${r.from}/${r.to}`}>
            <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
              {figures(r).map((f) => (
                <FigureCard key={f.key} figure={f} />
              ))}
            </SimpleGrid>
            <Section
              title="Accounts at final notice or in collections"
              right={
                <Text size="sm" c="dimmed">
                  Still owing today
                </Text>
              }
            >
              <CollectionsTable accounts={r.accounts} />
            </Section>
            <Text size="xs" c="dimmed">
              Money counts by the date of its journal entry. The accounts are those whose latest statement was a final notice or sent them to
              collections and that still owe (at most 500), whatever the period.
            </Text>
          </Stack>
        ) : !error ? (
          <QueryState isLoading={q.isLoading} />
        ) : null}
      </Stack>
    </>
  );
}
