// Denials: every claim line a payer denied, found when its 835 was posted, with the reason
// codes, the amount, and the appeal deadline (the most urgent first); the next step is on the
// claim's page (a corrected claim, or the appeal).
import { Link } from 'react-router-dom';
import { Button, Group } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import type { Denial } from '../../lib/types';
import { WORKLIST_PATHS, WORKLIST_STATUS } from '../../lib/worklists';
import { actionsColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { moneyColumn } from '../../components/billing/money';
import { ReasonChips } from '../../components/billing/ReasonChips';
import { AppealBy } from './ar/AppealBy';
import { ClaimLineCell, useStatusFilter } from './ar/worklist';
import { WorklistTable } from './ar/WorklistTable';

export function DenialsPage() {
  const filter = useStatusFilter();
  const list = useCursorList<Denial>(['ar', 'denials', 'list'], WORKLIST_PATHS.denials, { status: filter.query }, { keepPrevious: true });
  // A denial listed under "Open" is open, whether or not the server says so.
  const statusOf = (d: Denial) => d.status ?? (filter.status === 'open' ? 'open' : null);
  return (
    <>
      <PageHeader title="Denials" description="Claim lines the payers denied: appeal them or correct the claim before the deadline." />
      <Group mb="sm">{filter.control}</Group>
      <WorklistTable<Denial>
        list={list}
        label="Denials"
        noun="denials"
        noRecordsText={filter.status === 'open' ? 'No open denial: nothing to work' : 'No denial yet'}
        initialSort={{ columnAccessor: 'appeal_by', direction: 'asc' }}
        columns={[
          { accessor: 'appeal_by', title: 'Appeal by', sortable: true, render: (d) => <AppealBy date={d.appeal_by} open={statusOf(d) === 'open'} /> },
          { accessor: 'claim_id', title: 'Claim', sortable: true, render: (d) => <ClaimLineCell claimId={d.claim_id} lineNo={d.line_no} patientId={d.patient_id} /> },
          { accessor: 'payer_name', title: 'Payer', sortable: true },
          { accessor: 'reasons', title: 'Reasons', render: (d) => <ReasonChips reasons={d.reasons} label={`Claim ${d.claim_id} line ${d.line_no} reasons`} /> },
          { ...moneyColumn<Denial>('amount_cents', 'Denied', (d) => d.amount_cents), sortable: true },
          { accessor: 'denied_on', title: 'Denied on', sortable: true, noWrap: true, render: (d) => formatDate(d.denied_on) },
          ...(filter.status === 'all' ? [{ accessor: 'status', title: 'Status', render: (d: Denial) => (statusOf(d) ? <StatusBadge status={statusOf(d)!} map={WORKLIST_STATUS} /> : null) }] : []),
          actionsColumn<Denial>((d) => (
            <Button component={Link} to={`/billing/claims/${d.claim_id}`} size="compact-sm" variant="light" aria-label={`Work claim ${d.claim_id}`}>
              Work claim
            </Button>
          )),
        ]}
      />
    </>
  );
}
