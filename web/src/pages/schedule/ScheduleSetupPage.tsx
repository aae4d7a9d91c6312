// Schedule setup for practice managers: appointment types, working hours,
// exceptions (blocked time, extra sessions), rooms and equipment.
import { useSearchParams } from 'react-router-dom';
import { Paper, Tabs } from '@mantine/core';
import { useSession } from '../../lib/session';
import { PageHeader } from '../../components/PageHeader';
import { ExceptionsTab } from './setup/ExceptionsTab';
import { ResourcesTab } from './setup/ResourcesTab';
import { RulesTab } from './setup/RulesTab';
import { TypesTab } from './setup/TypesTab';

const TABS = ['types', 'hours', 'exceptions', 'rooms'] as const;

export function ScheduleSetupPage() {
  const session = useSession();
  const canWrite = session.can('schedule.setup');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'types';
  return (
    <>
      <PageHeader title="Schedule setup" description="What can be booked, when each provider works, and the exceptions to it." />
      <Paper p="md">
        <Tabs value={tab} onChange={(v) => setParams(v && v !== 'types' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="types">Appointment types</Tabs.Tab>
            <Tabs.Tab value="hours">Working hours</Tabs.Tab>
            <Tabs.Tab value="exceptions">Blocked time & extra sessions</Tabs.Tab>
            <Tabs.Tab value="rooms">Rooms & equipment</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="types">
            <TypesTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="hours">
            <RulesTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="exceptions">
            <ExceptionsTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="rooms">
            <ResourcesTab canWrite={canWrite} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </>
  );
}
