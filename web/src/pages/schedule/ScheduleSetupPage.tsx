// Schedule setup for practice managers: appointment types, working hours,
// exceptions (blocked time, extra sessions), rooms and equipment, reminders and the
// scheduling policy, and providers' calendar feeds.
import { useSearchParams } from 'react-router-dom';
import { Paper, Tabs } from '@mantine/core';
import { useSession } from '../../lib/session';
import { PageHeader } from '../../components/PageHeader';
import { ExceptionsTab } from './setup/ExceptionsTab';
import { FeedsTab } from './setup/FeedsTab';
import { RemindersTab } from './setup/RemindersTab';
import { ResourcesTab } from './setup/ResourcesTab';
import { RulesTab } from './setup/RulesTab';
import { TypesTab } from './setup/TypesTab';

const TABS = ['types', 'hours', 'exceptions', 'rooms', 'reminders', 'feeds'] as const;

export function ScheduleSetupPage() {
  const session = useSession();
  const canWrite = session.can('schedule.setup');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'types';
  return (
    <>
      <PageHeader title="Schedule setup" description="What can be booked, when each provider works, the exceptions to it, reminders and calendar feeds." />
      <Paper p="md">
        <Tabs value={tab} onChange={(v) => setParams(v && v !== 'types' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="types">Appointment types</Tabs.Tab>
            <Tabs.Tab value="hours">Working hours</Tabs.Tab>
            <Tabs.Tab value="exceptions">Blocked time & extra sessions</Tabs.Tab>
            <Tabs.Tab value="rooms">Rooms & equipment</Tabs.Tab>
            <Tabs.Tab value="reminders">Reminders</Tabs.Tab>
            <Tabs.Tab value="feeds">Calendar feeds</Tabs.Tab>
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
          <Tabs.Panel value="reminders">
            <RemindersTab canWrite={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="feeds">
            <FeedsTab canWrite={canWrite} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </>
  );
}
