// A/R aging: what payers (or patients) owe, by days since the date of service, as of a date;
// bars to compare them, the table with every figure and its totals, and whether the total
// reconciles with the journal. The grouping and the date are in the address; the same table
// downloads as CSV or XLSX.
import { Group, SegmentedControl, Stack } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DATE_INPUT_PROPS } from '../../lib/format';
import { ledgerCalls } from '../../lib/ledger';
import { useUrlParams } from '../../lib/params';
import type { AgingBy } from '../../lib/types';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { AgingChart } from './ar/AgingChart';
import { AgingTable } from './ar/AgingTable';
import { Reconciles } from './ar/Reconciles';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The aging as shown (grouping and date) as a spreadsheet. */
function Downloads({ by, asOf }: { by: AgingBy; asOf: string | null }) {
  return (
    <>
      {(['csv', 'xlsx'] as const).map((f) => (
        <DownloadButton
          key={f}
          size="xs"
          path="/reports/ar-aging"
          query={{ by, as_of: asOf, format: f }}
          aria-label={`Download ${f.toUpperCase()}`}
          done={(name) => `${name} downloaded. The export is recorded in the audit trail.`}
        >
          {f.toUpperCase()}
        </DownloadButton>
      ))}
    </>
  );
}

export function ArAgingPage() {
  const [params, set] = useUrlParams();
  const by: AgingBy = params.get('by') === 'patient' ? 'patient' : 'payer';
  const asOfParam = params.get('as_of');
  const asOf = asOfParam && ISO.test(asOfParam) ? asOfParam : null;
  // Without a date the server ages as of its today, and says which day that is.
  const q = useQuery({
    queryKey: ['ar', 'aging', by, asOf],
    queryFn: ({ signal }) => ledgerCalls.aging(by, asOf, signal),
    placeholderData: keepPreviousData,
  });
  const a = q.data;
  return (
    <>
      <PageHeader
        title="A/R aging"
        description="What payers and patients still owe, by days since the date of service."
        actions={<Downloads by={by} asOf={asOf ?? a?.as_of ?? null} />}
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="Group by"
            value={by}
            onChange={(v) => set({ by: v === 'patient' ? v : null })}
            data={[
              { value: 'payer', label: 'By payer' },
              { value: 'patient', label: 'By patient' },
            ]}
          />
          <DateInput
            label="As of"
            w={160}
            {...DATE_INPUT_PROPS}
            value={asOf ?? a?.as_of ?? null}
            onChange={(v) => set({ as_of: v ? String(v) : null })}
            popoverProps={{ withinPortal: true }}
          />
          {a ? <Reconciles aging={a} /> : null}
        </Group>
        {q.isError ? <QueryState error={q.error} retry={() => void q.refetch()} /> : null}
        {a ? (
          <>
            <Section title={by === 'payer' ? 'By age and payer' : 'By age and patient'}>
              <AgingChart aging={a} />
            </Section>
            <AgingTable aging={a} />
          </>
        ) : (
          <QueryState isLoading={q.isLoading} />
        )}
      </Stack>
    </>
  );
}
