// Statements: a run bills every patient who owes at least a minimum once insurance is done,
// as one PDF to print and mail; old unpaid accounts go to collections instead. There is no
// list of runs on the server: this page keeps the runs made in this session.
import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney } from '../../lib/format';
import { useSessionRuns } from '../../lib/statements';
import { PageHeader } from '../../components/PageHeader';
import { RunForm } from './statements/RunForm';
import { EarlierRuns, RunResult } from './statements/RunResult';

export function StatementsPage() {
  const { runs, add } = useSessionRuns();
  const [latest, ...earlier] = runs;
  return (
    <>
      <PageHeader title="Statements" description="Bill patients for what they owe once insurance is done, and refer accounts left unpaid to collections." />
      <Stack gap="md">
        <RunForm
          last={latest}
          onRun={(run) => {
            add(run);
            notifications.show({
              color: 'teal',
              message: `Run ${run.id}: ${run.statements} to print (${formatMoney(run.total_cents)}), ${run.collections} referred to collections.`,
            });
          }}
        />
        {latest ? <RunResult run={latest} /> : null}
        {earlier.length ? <EarlierRuns runs={earlier} /> : null}
      </Stack>
    </>
  );
}
