// One remittance (an 835 payment): the payment, its reconciliation (claims paid less
// provider adjustments against the payment), each claim with the Praxis claim it matched,
// its amounts, adjustments and lines, and the provider-level adjustments.
import { useParams } from 'react-router-dom';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useQuery } from '@tanstack/react-query';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { PAYMENT_METHODS, PLB_REASONS, remitCalls } from '../../lib/remit';
import type { ProviderAdjustment, Remittance } from '../../lib/types';
import { RecordState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { moneyColumn } from '../../components/billing/money';
import { BalancedBadge, UnmatchedCount } from '../../components/billing/remit';
import { Reconciliation } from './remit/Reconciliation';
import { RemitClaimCard } from './remit/RemitClaimCard';

function Header({ r }: { r: Remittance }) {
  return (
    <Paper p="md">
      <Group gap="sm">
        <Title order={1} size="h2">
          Remittance {r.id}
        </Title>
        <BalancedBadge balanced={r.totals.balanced} />
      </Group>
      <Text size="sm" mt={4}>
        {r.payer.name || 'Payer not named'}
        {r.payer.id ? (
          <Text span size="sm" c="dimmed">
            {' '}
            (payer id <span className="mono">{r.payer.id}</span>)
          </Text>
        ) : null}{' '}
        · {formatMoney(r.payment.amount_cents)}
        {r.payment.date ? ` on ${formatDate(r.payment.date)}` : ''}
      </Text>
      <Text size="xs" c="dimmed">
        Received {formatDateTime(r.created_at)}
      </Text>
    </Paper>
  );
}

function Payment({ r }: { r: Remittance }) {
  const p = r.payment;
  return (
    <dl className="dl" aria-label="Payment">
      <dt>Amount</dt>
      <dd>
        <b>{formatMoney(p.amount_cents)}</b>
        {p.credit_debit === 'D' ? ' (debit: the payer takes this back)' : ''}
      </dd>
      <dt>Method</dt>
      <dd>{p.method ? (PAYMENT_METHODS[p.method] ?? p.method) : '—'}</dd>
      <dt>Date</dt>
      <dd>{p.date ? formatDate(p.date) : '—'}</dd>
      <dt>Trace number</dt>
      <dd className="mono">{p.trace || '—'}</dd>
      <dt>Paid by</dt>
      <dd>
        {r.payer.name || '—'}
        {r.payer.id ? ` (payer id ${r.payer.id})` : ''}
      </dd>
      <dt>Paid to</dt>
      <dd>
        {r.payee.name || '—'}
        {r.payee.npi ? ` (NPI ${r.payee.npi})` : r.payee.tax_id ? ` (tax id ${r.payee.tax_id})` : ''}
      </dd>
    </dl>
  );
}

function ProviderAdjustments({ items }: { items: ProviderAdjustment[] }) {
  if (!items.length) return <Text size="sm">None: the payer paid the claims as listed.</Text>;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Money the payer took from this payment (a positive amount) or added to it (negative), apart from the claims.
      </Text>
      <DataTable<ProviderAdjustment & { no: number }>
        aria-label="Provider adjustments"
        withTableBorder
        borderRadius="sm"
        striped
        fz="sm"
        records={items.map((a, i) => ({ ...a, no: i + 1 }))}
        idAccessor="no"
        columns={[
          {
            accessor: 'reason',
            title: 'Reason',
            render: (a) => (
              <>
                <span className="mono">{a.reason}</span> {PLB_REASONS[a.reason] ?? ''}
              </>
            ),
          },
          { accessor: 'reference', title: 'Reference', render: (a) => <span className="mono">{a.reference}</span> },
          moneyColumn<ProviderAdjustment>('amount_cents', 'Amount', (a) => a.amount_cents),
        ]}
      />
    </>
  );
}

export function RemittanceDetailPage() {
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: ['remittances', 'one', id], queryFn: ({ signal }) => remitCalls.get(id, signal) });
  if (!q.data) return <RecordState query={q} heights={[80, 200]} />;
  const r = q.data;
  return (
    <Stack gap="md">
      <Header r={r} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Payment">
          <Payment r={r} />
        </Section>
        <Section title="Reconciliation">
          <Reconciliation remittance={r} />
        </Section>
      </SimpleGrid>
      <Section
        title="Claims"
        right={
          <Group gap="xs">
            <Text size="sm">{r.claims.length === 1 ? '1 claim' : `${r.claims.length} claims`}</Text>
            {r.unmatched ? <UnmatchedCount count={r.unmatched} /> : null}
          </Group>
        }
      >
        <Stack gap="sm">
          {r.claims.length ? (
            r.claims.map((c, i) => <RemitClaimCard key={i} claim={c} index={i} />)
          ) : (
            <Text size="sm">No claim in this payment: it holds provider adjustments only.</Text>
          )}
        </Stack>
      </Section>
      <Section title="Provider adjustments">
        <ProviderAdjustments items={r.provider_adjustments} />
      </Section>
    </Stack>
  );
}
