// Remittances: drop the 835 files (and the 999 / 277CA acknowledgments) that come back, see
// at once what each did, and below, every payment received, newest first, with whether it
// balances and how many of its claims found no Praxis claim.
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Stack, Text } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import { PAYMENT_METHODS } from '../../lib/remit';
import { useSession } from '../../lib/session';
import type { RemittanceSummary } from '../../lib/types';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { moneyColumn } from '../../components/billing/money';
import { BalancedBadge, UnmatchedCount } from '../../components/billing/remit';
import { X12Drop } from '../../components/billing/X12Drop';

/** A cell of two lines: the figure, and under it what qualifies it. */
function Cell({ main, sub }: { main: ReactNode; sub?: ReactNode }) {
  return (
    <>
      <Text size="sm">{main}</Text>
      {sub ? (
        <Text size="xs" c="dimmed">
          {sub}
        </Text>
      ) : null}
    </>
  );
}

export function RemittancesPage() {
  const session = useSession();
  const navigate = useNavigate();
  const list = useCursorList<RemittanceSummary>(['remittances', 'list'], '/remittances');
  return (
    <>
      <PageHeader title="Remittances" description="Payments received (835), reconciled and matched to claims." />
      <Stack gap="md">
        {session.can('claim.write') ? (
          <X12Drop
            title="Drop an 835, 999 or 277CA file"
            hint="A remittance (835) is read, reconciled and matched to its claims; an acknowledgment (999, 277CA) moves the claims it answers. Each file counts once."
          />
        ) : null}
        <CursorTable<RemittanceSummary>
          list={list}
          label="Remittances"
          noun="remittances"
          noRecordsText="No remittance received yet"
          highlightOnHover
          horizontalSpacing={8}
          onRowClick={({ record }) => navigate(`/billing/remittances/${record.id}`)}
          columns={[
            {
              accessor: 'payer_name',
              title: 'Payer',
              render: (r) => (
                <Cell
                  main={r.payer_name || 'Payer not named'}
                  sub={
                    <Anchor component={Link} to={`/billing/remittances/${r.id}`} size="xs" style={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
                      Remittance {r.id}
                    </Anchor>
                  }
                />
              ),
            },
            { accessor: 'paid_on', title: 'Paid on', noWrap: true, render: (r) => <Cell main={formatDate(r.paid_on)} sub={`received ${formatDate(r.created_at)}`} /> },
            {
              accessor: 'trace',
              title: 'Method · trace',
              render: (r) => <Cell main={PAYMENT_METHODS[r.method] ?? r.method} sub={r.trace ? <span className="mono">{r.trace}</span> : null} />,
            },
            moneyColumn<RemittanceSummary>('amount_cents', 'Amount', (r) => r.amount_cents),
            { accessor: 'claims', title: 'Claims', textAlign: 'right', cellsClassName: 'num' },
            { accessor: 'unmatched', title: 'Unmatched', textAlign: 'right', render: (r) => <UnmatchedCount count={r.unmatched} /> },
            { accessor: 'balanced', title: 'Balance', render: (r) => <BalancedBadge balanced={r.balanced} /> },
          ]}
        />
      </Stack>
    </>
  );
}
