// The claims worklist: counts by status and by edit (each a filter), the claims with their
// amounts, status and edits, and the next action on each row; the ready claims (all, or those
// ticked) go out as one 837P file. The files sent are the second tab. Filters and the tab are
// in the address.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Box, Button, Group, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { isSendable, usePayersAll } from '../../lib/billing';
import { formatDate } from '../../lib/format';
import { useX12Uploads } from '../../lib/remit';
import { useCursorList } from '../../lib/lists';
import { useUrlParams } from '../../lib/params';
import { useSession } from '../../lib/session';
import { CLAIM_STATUS } from '../../lib/status';
import type { Claim, ClaimSummary } from '../../lib/types';
import { actionsColumn, CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { EditCounts } from '../../components/billing/ClaimEdits';
import { moneyColumn } from '../../components/billing/money';
import { X12DropZone, X12Results } from '../../components/billing/X12Drop';
import { ClaimFiles } from './claim/ClaimFiles';
import { EditCountsPanel, StatusCounts } from './claim/ClaimCounts';
import { ClaimRowAction } from './claim/ClaimRowAction';
import { SendClaims } from './claim/SendClaims';

export function ClaimsPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params, set] = useUrlParams();
  const status = params.get('status') ?? '';
  const edit = params.get('edit') ?? '';
  const payer = params.get('payer_id') ?? '';
  const view = params.get('view') === 'files' ? 'files' : 'worklist';
  const summary = useQuery({
    queryKey: ['claims', 'summary'],
    queryFn: ({ signal }) => api.get<ClaimSummary>('/claims/summary', undefined, signal),
  });
  const payers = usePayersAll();
  const list = useCursorList<Claim>(['claims', 'list'], '/claims', { status, edit, payer_id: payer }, { keepPrevious: true });
  const canWrite = session.can('claim.write');
  const filtered = Boolean(status || edit || payer);
  const [ticked, setTicked] = useState<Claim[]>([]);
  // Only what is on screen and still ready counts (a claim sent meanwhile drops out).
  const selected = list.items.filter((c) => isSendable(c) && ticked.some((t) => t.id === c.id));
  const acks = useX12Uploads();
  const ready = summary.data?.by_status.find((s) => s.status === 'ready')?.claims ?? 0;

  return (
    <>
      <PageHeader
        title="Claims"
        description="Fix the edits, submit the ready claims, record what payers answer."
        actions={
          <>
            {session.can('charge.write') ? (
              <Button component={Link} to="/billing/charges" variant="light" leftSection={<IconFileInvoice size={16} />}>
                Charge entry
              </Button>
            ) : null}
            {canWrite ? <SendClaims ready={ready} selected={selected.map((c) => c.id)} onSent={() => setTicked([])} /> : null}
          </>
        }
      />
      <Tabs value={view} onChange={(v) => set({ view: v === 'files' ? v : null })} keepMounted={false}>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs" mb="sm">
          <Tabs.List style={{ flex: 1 }}>
            <Tabs.Tab value="worklist">Worklist</Tabs.Tab>
            <Tabs.Tab value="files">Claim files</Tabs.Tab>
          </Tabs.List>
          {canWrite ? (
            <X12DropZone
              uploads={acks}
              compact
              title="Drop a 999 or 277CA here"
              hint="Acknowledgments from the clearinghouse or payer: the claims they answer move to accepted or rejected"
            />
          ) : null}
        </Group>
        {acks.uploads.length ? (
          <Box mb="sm">
            <X12Results uploads={acks} />
          </Box>
        ) : null}
        <Tabs.Panel value="files">
          <ClaimFiles />
        </Tabs.Panel>
        <Tabs.Panel value="worklist">
          <Stack gap="sm">
            <StatusCounts summary={summary.data} value={status} onChange={(s) => set({ status: s })} />
            <EditCountsPanel summary={summary.data} value={edit} onChange={(e) => set({ edit: e })} />
            <Group gap="sm" align="flex-end">
              <Select
                label="Payer"
                placeholder="All payers"
                clearable
                searchable
                w={240}
                data={(payers.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
                value={payer || null}
                onChange={(v) => set({ payer_id: v })}
              />
              {filtered ? (
                <Button variant="subtle" onClick={() => set({ status: null, edit: null, payer_id: null })}>
                  Clear filters
                </Button>
              ) : null}
              {edit ? (
                <Text size="sm" c="dimmed" pb={6}>
                  Claims with the edit <span className="mono">{edit}</span>
                </Text>
              ) : null}
            </Group>
            <CursorTable<Claim>
              list={list}
              label="Claims"
              noun="claims"
              noRecordsText={filtered ? 'No claims match these filters' : 'No claims yet: enter charges to build them'}
              highlightOnHover
              horizontalSpacing={8}
              onRowClick={({ record }) => navigate(`/billing/claims/${record.id}`)}
              selection={
                canWrite && list.items.some(isSendable)
                  ? {
                      records: selected,
                      onChange: setTicked,
                      isSelectable: isSendable,
                      label: (c) => `Select claim ${c.id} (${c.patient.name})`,
                      allLabel: 'Select every ready claim shown',
                    }
                  : undefined
              }
              columns={[
                {
                  accessor: 'patient',
                  title: 'Patient',
                  render: (c) => (
                    <>
                      <Text size="sm" fw={500}>
                        {c.patient.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        <Anchor component={Link} to={`/billing/claims/${c.id}`} size="xs" onClick={(e) => e.stopPropagation()}>
                          Claim {c.id}
                          {c.frequency === '7' ? ' (corrected)' : c.frequency === '8' ? ' (void)' : ''}
                        </Anchor>{' '}
                        · MRN <span className="mono">{c.patient.mrn}</span>
                      </Text>
                    </>
                  ),
                },
                { accessor: 'service_date', title: 'DOS', noWrap: true, render: (c) => formatDate(c.service_date) },
                { accessor: 'payer_name', title: 'Payer', render: (c) => (c.payer_order > 1 ? `${c.payer_name} (${c.payer_order === 2 ? '2nd' : '3rd'})` : c.payer_name) },
                moneyColumn<Claim>('total_cents', 'Total', (c) => c.total_cents),
                moneyColumn<Claim>('expected_cents', 'Expected', (c) => c.expected_cents),
                { accessor: 'status', title: 'Status', noWrap: true, render: (c) => <StatusBadge status={c.status} map={CLAIM_STATUS} /> },
                { accessor: 'errors', title: 'Edits', render: (c) => <EditCounts errors={c.errors} warnings={c.warnings} stacked /> },
                actionsColumn<Claim>((c) => <ClaimRowAction claim={c} canWrite={canWrite} />),
              ]}
            />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
