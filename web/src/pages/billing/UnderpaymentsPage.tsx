// Underpayments: claim lines a payer allowed for less than its contract says, found when the
// 835 was posted; the biggest shortfall first. Query the payer from the claim's page.
import { useNavigate } from 'react-router-dom';
import { Group } from '@mantine/core';
import { useCursorList } from '../../lib/lists';
import type { Underpayment } from '../../lib/types';
import { WORKLIST_PATHS, WORKLIST_STATUS } from '../../lib/worklists';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { moneyColumn } from '../../components/billing/money';
import { ClaimLineCell, useStatusFilter } from './ar/worklist';
import { WorklistTable } from './ar/WorklistTable';

export function UnderpaymentsPage() {
  const navigate = useNavigate();
  const filter = useStatusFilter();
  const list = useCursorList<Underpayment>(['ar', 'underpayments', 'list'], WORKLIST_PATHS.underpayments, { status: filter.query }, { keepPrevious: true });
  return (
    <>
      <PageHeader title="Underpayments" description="Lines the payers allowed for less than the contract: ask them to reprocess." />
      <Group mb="sm">{filter.control}</Group>
      <WorklistTable<Underpayment>
        list={list}
        label="Underpayments"
        noun="underpayments"
        noRecordsText={filter.status === 'open' ? 'No open underpayment: every line was allowed at its contract rate' : 'No underpayment yet'}
        initialSort={{ columnAccessor: 'difference_cents', direction: 'desc' }}
        onRowClick={({ record }) => navigate(`/billing/claims/${record.claim_id}`)}
        columns={[
          { accessor: 'claim_id', title: 'Claim', sortable: true, render: (u) => <ClaimLineCell claimId={u.claim_id} lineNo={u.line_no} patientId={u.patient_id} /> },
          { accessor: 'payer_name', title: 'Payer', sortable: true },
          { ...moneyColumn<Underpayment>('expected_cents', 'Contract', (u) => u.expected_cents), sortable: true },
          { ...moneyColumn<Underpayment>('allowed_cents', 'Allowed', (u) => u.allowed_cents), sortable: true },
          { ...moneyColumn<Underpayment>('paid_cents', 'Paid', (u) => u.paid_cents), sortable: true },
          { ...moneyColumn<Underpayment>('difference_cents', 'Short', (u) => u.difference_cents), sortable: true, cellsStyle: () => ({ fontWeight: 600 }) },
          ...(filter.status === 'all' ? [{ accessor: 'status', title: 'Status', render: (u: Underpayment) => <StatusBadge status={u.status} map={WORKLIST_STATUS} /> }] : []),
        ]}
      />
    </>
  );
}
