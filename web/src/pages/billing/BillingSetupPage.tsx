// Billing setup: payers, the fee schedule, payer contracts, the practice's billing profile,
// the electronic claims (EDI) set-up and the loaded code sets.
import { useSearchParams } from 'react-router-dom';
import { Paper, Tabs } from '@mantine/core';
import { useSession } from '../../lib/session';
import { PageHeader } from '../../components/PageHeader';
import { CodeSetsTab } from './setup/CodeSetsTab';
import { ContractsTab } from './setup/ContractsTab';
import { EdiTab } from './setup/EdiTab';
import { FeesTab } from './setup/FeesTab';
import { PayersTab } from './setup/PayersTab';
import { ProfileTab } from './setup/ProfileTab';

const TABS = ['payers', 'fees', 'contracts', 'profile', 'edi', 'codes'] as const;

export function BillingSetupPage() {
  const session = useSession();
  const canWrite = session.can('billing.setup');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'payers';
  return (
    <>
      <PageHeader title="Billing setup" description="Who is billed, what the practice charges, what payers agreed to pay, how claims are sent, and the codes claims are checked against." />
      <Paper p="md">
        <Tabs value={tab} onChange={(v) => setParams(v && v !== 'payers' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="payers">Payers</Tabs.Tab>
            <Tabs.Tab value="fees">Fee schedule</Tabs.Tab>
            <Tabs.Tab value="contracts">Contracts</Tabs.Tab>
            <Tabs.Tab value="profile">Billing profile</Tabs.Tab>
            <Tabs.Tab value="edi">Electronic claims (EDI)</Tabs.Tab>
            <Tabs.Tab value="codes">Code sets</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="payers">
            <PayersTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="fees">
            <FeesTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="contracts">
            <ContractsTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="profile">
            <ProfileTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="edi">
            <EdiTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="codes">
            <CodeSetsTab />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </>
  );
}
