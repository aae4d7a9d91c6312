// Statements: a run bills every account that owes at least a minimum once insurance is done,
// as one PDF to print and mail (and a mailing list for a mail house); old unpaid accounts go to
// collections instead. The latest run is shown, the earlier ones listed under it.
import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney } from '../../lib/format';
import { useRuns } from '../../lib/statements';
import { PageHeader } from '../../components/PageHeader';
import { RunForm } from './statements/RunForm';
import { EarlierRuns, RunResult } from './statements/RunResult';

export function StatementsPage() {
  const { runs, ran } = useRuns();
  const [latest, ...earlier] = runs;
  return (
    <>
      <PageHeader title="Statements" description="Bill patients for what they owe once insurance is done, and refer accounts left unpaid to collections." />
      <Stack gap="md">
        <RunForm
          last={latest}
          onRun={(run) => {
            void ran();
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
