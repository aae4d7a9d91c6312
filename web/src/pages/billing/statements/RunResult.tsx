// What a statement run did: statements printed, accounts referred to collections and the total
// billed, with its PDF to print and mail and its mailing list (both exports audited). Earlier
// runs are listed under it, each with its PDF.
import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { formatDate, formatDateTime, formatMoney } from '../../../lib/format';
import { statementCalls, type SessionRun } from '../../../lib/statements';
import { DownloadButton } from '../../../components/DownloadButton';
import { Section } from '../../../components/Section';
import { moneyColumn } from '../../../components/billing/money';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Pdf({ run, size }: { run: SessionRun; size?: 'xs' | 'sm' }) {
  if (!run.statements)
    return (
      <Text size="sm" c="dimmed">
        Nothing to print
      </Text>
    );
  return (
    <DownloadButton
      path={statementCalls.runPdfPath(run.id)}
      size={size}
      variant={size ? 'default' : 'filled'}
      aria-label={size ? `Download the PDF of run ${run.id}` : undefined}
      done={(f) => `${f} downloaded: print the statements and mail them. The export is recorded in the audit trail.`}
    >
      {size ? 'PDF' : 'Download PDF to print'}
    </DownloadButton>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Paper p="sm" withBorder role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} fz={28} className="num" ta="left">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

function Mailing({ run }: { run: SessionRun }) {
  if (!run.statements) return null;
  return (
    <DownloadButton
      path={statementCalls.mailingPath(run.id)}
      variant="default"
      done={(f) => `${f} downloaded: the addressees, amounts and pages, in the PDF's order, for a mail house.`}
    >
      Mailing list (CSV)
    </DownloadButton>
  );
}

export function RunResult({ run }: { run: SessionRun }) {
  return (
    <Section
      title={`Run ${run.id}: statements dated ${formatDate(run.as_of)}`}
      right={
        <Group gap="xs">
          <Mailing run={run} />
          <Pdf run={run} />
        </Group>
      }
    >
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" data-testid="statement-run-result">
        <Figure label="Statements printed" value={String(run.statements)} hint={`Patients owing at least ${formatMoney(run.min_balance_cents)}`} />
        <Figure label="Referred to collections" value={String(run.collections)} hint="Past their final notice: not printed" />
        <Figure label="Total billed" value={formatMoney(run.total_cents)} hint={`On the ${plural(run.statements, 'statement', 'statements')} printed`} />
      </SimpleGrid>
    </Section>
  );
}

export function EarlierRuns({ runs }: { runs: SessionRun[] }) {
  return (
    <Section title="Earlier runs">
      <DataTable<SessionRun>
        aria-label="Earlier statement runs"
        withTableBorder
        borderRadius="sm"
        striped
        horizontalSpacing={8}
        records={runs}
        idAccessor="id"
        columns={[
          {
            accessor: 'id',
            title: 'Run',
            noWrap: true,
            render: (r) => (
              <>
                <Text size="sm">Run {r.id}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(r.created_at, undefined, { weekday: false })}
                  {r.created_by ? ` by ${r.created_by}` : ''}
                </Text>
              </>
            ),
          },
          {
            accessor: 'as_of',
            title: 'Statement date',
            noWrap: true,
            render: (r) => (
              <>
                <Text size="sm">{formatDate(r.as_of)}</Text>
                <Text size="xs" c="dimmed">
                  owing at least {formatMoney(r.min_balance_cents)}
                </Text>
              </>
            ),
          },
          { accessor: 'statements', title: 'Printed', textAlign: 'right', cellsClassName: 'num' },
          { accessor: 'collections', title: 'Collections', textAlign: 'right', cellsClassName: 'num' },
          moneyColumn<SessionRun>('total_cents', 'Billed', (r) => r.total_cents),
          { accessor: 'pdf', title: <span className="visually-hidden">PDF</span>, textAlign: 'right', render: (r) => <Pdf run={r} size="xs" /> },
        ]}
      />
    </Section>
  );
}
