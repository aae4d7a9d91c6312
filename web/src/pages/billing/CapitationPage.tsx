// Capitation: the practice's contracts with payers who pay per member per month, each with how
// this month stands (roster, paid, reconciled) and a way into its rosters and payments; a new
// contract for whoever sets up billing.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import { usePayersAll } from '../../lib/billing';
import { carveOutsText, thisMonth, useContracts, type CapitationContract } from '../../lib/capitation';
import { formatDate, formatMonth } from '../../lib/format';
import { useSession } from '../../lib/session';
import { moneyColumn } from '../../components/billing/money';
import { ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { ContractDialog } from './capitation/ContractDialog';
import { GatedButton } from './capitation/GatedButton';
import { MonthStatus } from './capitation/MonthStatus';

export function CapitationPage() {
  const session = useSession();
  const navigate = useNavigate();
  const contracts = useContracts();
  const payers = usePayersAll();
  const [adding, setAdding] = useState(false);
  const month = thisMonth();
  const payerName = (id: number) => (payers.data ?? []).find((p) => p.id === id)?.name ?? '';
  const records = [...(contracts.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageHeader
        title="Capitation"
        description="Payers who pay a fixed amount per member per month: their rosters, the payments received against them, and what each member brings in."
        actions={
          <>
            <Button component={Link} to="/billing/ar/capitation/revenue" variant="default" leftSection={<IconChartBar size={16} />}>
              Revenue per member
            </Button>
            <GatedButton
              allowed={session.can('billing.setup')}
              reason="Your role cannot set up billing; ask a practice manager to add the contract."
              leftSection={<IconPlus size={16} />}
              onClick={() => setAdding(true)}
            >
              New contract
            </GatedButton>
          </>
        }
      />
      <Stack gap="sm">
        <ListTable<CapitationContract>
          query={contracts}
          records={records}
          label="Capitation contracts"
          noRecordsText="No capitation contracts yet"
          columns={[
            {
              accessor: 'name',
              title: 'Contract',
              render: (c) => (
                <Anchor component={Link} to={`/billing/ar/capitation/${c.id}`} size="sm" fw={500}>
                  {c.name}
                </Anchor>
              ),
            },
            { accessor: 'payer_id', title: 'Payer', render: (c) => payerName(c.payer_id) },
            moneyColumn<CapitationContract>('pmpm_cents', 'Per member per month', (c) => c.pmpm_cents),
            { accessor: 'effective_from', title: 'From', render: (c) => formatDate(c.effective_from) },
            { accessor: 'effective_to', title: 'Until', render: (c) => (c.effective_to ? formatDate(c.effective_to) : 'Open-ended') },
            { accessor: 'carve_outs', title: 'Carved out', render: (c) => <span className="mono">{carveOutsText(c.carve_outs)}</span> },
            { accessor: 'status', title: formatMonth(month), render: (c) => <MonthStatus contract={c} month={month} /> },
          ]}
        />
        <Text size="xs" c="dimmed">
          Members’ visits are charged to nobody but their copay and sent to the payer as encounter data; carved-out codes are billed as usual.
        </Text>
      </Stack>
      {adding ? <ContractDialog contract={null} onClose={() => setAdding(false)} onSaved={(c) => navigate(`/billing/ar/capitation/${c.id}`)} /> : null}
    </>
  );
}
