// Denials: every claim line a payer denied, found when its 835 was posted, with the reason
// codes, the amount, and the appeal deadline (the most urgent first). Each row opens its
// claim (a corrected claim, the appeal) and records the step taken: appealed, resubmitted,
// written off (the writeoff permission), closed or reopened. Filtered by payer and by a reason
// the denial carries (CO-50, N115), in the address like the open / all choice.
import { useState } from 'react';
import { Group, Input, Stack } from '@mantine/core';
import { formatDate } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import { useSession } from '../../lib/session';
import type { Denial, DenialStatus } from '../../lib/types';
import { WORKLIST_PATHS, WORKLIST_STATUS } from '../../lib/worklists';
import { actionsColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { moneyColumn } from '../../components/billing/money';
import { ReasonChips } from '../../components/billing/ReasonChips';
import { AppealBy } from './ar/AppealBy';
import { DenialActions, DenialStepDialog } from './ar/DenialActions';
import { useDenialFilters } from './ar/DenialFilters';
import { ClaimLineCell, useStatusFilter } from './ar/worklist';
import { WorklistTable } from './ar/WorklistTable';

export function DenialsPage() {
  const session = useSession();
  const filter = useStatusFilter();
  const filters = useDenialFilters();
  const [working, setWorking] = useState<{ denial: Denial; step: DenialStatus } | null>(null);
  const actions = (d: Denial) => (
    <DenialActions denial={d} canWork={session.can('claim.write')} canWriteOff={session.can('writeoff')} onStep={(denial, step) => setWorking({ denial, step })} />
  );
  const list = useCursorList<Denial>(['ar', 'denials', 'list'], WORKLIST_PATHS.denials, { status: filter.query, ...filters.query }, { keepPrevious: true });
  return (
    <>
      <PageHeader title="Denials" description="Claim lines the payers denied: appeal or correct the claim before the deadline, then record the step with Update." />
      <Group mb="sm" align="flex-start" gap="sm" wrap="wrap" role="search" aria-label="Filter the denials">
        <Input.Wrapper label="Show">
          <div>{filter.control}</div>
        </Input.Wrapper>
        {filters.controls}
      </Group>
      <WorklistTable<Denial>
        list={list}
        label="Denials"
        noun="denials"
        noRecordsText={
          filters.any ? 'No denial matches these filters' : filter.status === 'open' ? 'No open denial: nothing to work' : 'No denial yet'
        }
        initialSort={{ columnAccessor: 'appeal_by', direction: 'asc' }}
        columns={[
          { accessor: 'appeal_by', title: 'Appeal by', sortable: true, render: (d) => <AppealBy date={d.appeal_by} open={d.status === 'open'} /> },
          { accessor: 'claim_id', title: 'Claim', sortable: true, render: (d) => <ClaimLineCell claimId={d.claim_id} lineNo={d.line_no} patientId={d.patient_id} /> },
          { accessor: 'payer_name', title: 'Payer', sortable: true },
          { accessor: 'reasons', title: 'Reasons', render: (d) => <ReasonChips reasons={d.reasons} label={`Claim ${d.claim_id} line ${d.line_no} reasons`} /> },
          { ...moneyColumn<Denial>('amount_cents', 'Denied', (d) => d.amount_cents), sortable: true },
          { accessor: 'denied_on', title: 'Denied on', sortable: true, noWrap: true, render: (d) => formatDate(d.denied_on) },
          // Under "All", each denial's status with its next step under it; under "Open", the next step.
          filter.status === 'all'
            ? {
                accessor: 'status',
                title: 'Status',
                render: (d: Denial) => (
                  <Stack gap={4} align="flex-start">
                    <StatusBadge status={d.status} map={WORKLIST_STATUS} />
                    {actions(d)}
                  </Stack>
                ),
              }
            : actionsColumn<Denial>(actions),
        ]}
      />
      {working ? <DenialStepDialog denial={working.denial} step={working.step} onClose={() => setWorking(null)} /> : null}
    </>
  );
}
