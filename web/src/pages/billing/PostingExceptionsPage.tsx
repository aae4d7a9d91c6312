// Posting exceptions: what an 835 could not post on its own (an unknown claim, a claim paid
// by an earlier remittance, ...), with the reason, to check against the remittance.
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Group, Text } from '@mantine/core';
import { formatDateTime } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import type { PostingException } from '../../lib/types';
import { WORKLIST_PATHS, WORKLIST_STATUS } from '../../lib/worklists';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { moneyColumn } from '../../components/billing/money';
import { ClaimLineCell, stop, useStatusFilter } from './ar/worklist';
import { WorklistTable } from './ar/WorklistTable';

export function PostingExceptionsPage() {
  const navigate = useNavigate();
  const filter = useStatusFilter();
  const list = useCursorList<PostingException>(['ar', 'exceptions', 'list'], WORKLIST_PATHS.exceptions, { status: filter.query }, { keepPrevious: true });
  return (
    <>
      <PageHeader title="Posting exceptions" description="What a remittance could not post by itself: check it against the remittance and the claim." />
      <Group mb="sm">{filter.control}</Group>
      <WorklistTable<PostingException>
        list={list}
        label="Posting exceptions"
        noun="exceptions"
        noRecordsText={filter.status === 'open' ? 'No open exception: every remittance posted' : 'No exception yet'}
        initialSort={{ columnAccessor: 'created_at', direction: 'asc' }}
        onRowClick={({ record }) => navigate(`/billing/remittances/${record.remittance_id}`)}
        columns={[
          { accessor: 'created_at', title: 'Received', sortable: true, render: (x) => <Text size="sm">{formatDateTime(x.created_at)}</Text> },
          {
            accessor: 'remittance_id',
            title: 'Remittance',
            sortable: true,
            render: (x) => (
              <Anchor component={Link} to={`/billing/remittances/${x.remittance_id}`} size="sm" style={{ whiteSpace: 'nowrap' }} onClick={stop}>
                Remittance {x.remittance_id}
                {x.line ? ` · line ${x.line}` : ''}
              </Anchor>
            ),
          },
          { accessor: 'claim_id', title: 'Claim', sortable: true, render: (x) => <ClaimLineCell claimId={x.claim_id} lineNo={null} /> },
          { accessor: 'reason', title: 'Reason', render: (x) => <Text size="sm">{x.reason}</Text> },
          { ...moneyColumn<PostingException>('amount_cents', 'Amount', (x) => x.amount_cents), sortable: true },
          ...(filter.status === 'all' ? [{ accessor: 'status', title: 'Status', render: (x: PostingException) => <StatusBadge status={x.status} map={WORKLIST_STATUS} /> }] : []),
        ]}
      />
    </>
  );
}
