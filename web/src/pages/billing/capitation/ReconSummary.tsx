// How a contract's month stands: its status in a badge and a sentence, what the roster expects
// against what the payer paid (payments not reversed) and the difference, and how many of the
// roster's members are the practice's patients.
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Reconciliation } from '../../../lib/capitation';
import { formatCount, formatMoney, formatMonth } from '../../../lib/format';
import { ReconBadge } from './MonthStatus';

function sentence(r: Reconciliation): string {
  const d = Math.abs(r.difference_cents);
  switch (r.status) {
    case 'no roster':
      return 'No roster for this month yet: upload the payer’s roster to know what to expect.';
    case 'not paid':
      return 'Nothing received for this month yet.';
    case 'reconciled':
      return 'Paid in full: the payments equal what the roster expects.';
    case 'underpaid':
      return `The payer paid ${formatMoney(d)} less than the roster expects.`;
    case 'overpaid':
      return `The payer paid ${formatMoney(d)} more than the roster expects.`;
  }
}

function Figure({ label, cents, testId, tone }: { label: string; cents: number; testId: string; tone?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.2} className="num" ta="left" c={tone} data-testid={testId}>
        {formatMoney(cents)}
      </Text>
    </div>
  );
}

export function ReconSummary({ recon, dimmed }: { recon: Reconciliation; dimmed?: boolean }) {
  const r = recon;
  const off = r.difference_cents !== 0 && r.status !== 'no roster' && r.status !== 'not paid';
  return (
    <Paper p="md" component="section" aria-label="Reconciliation" data-testid="reconciliation" data-month={r.month} style={{ opacity: dimmed ? 0.6 : 1 }}>
      <Stack gap="sm">
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Group gap="sm">
            <Title order={2} size="h4">
              {formatMonth(r.month)}
            </Title>
            <ReconBadge status={r.status} size="lg" />
          </Group>
          <Text size="sm" data-testid="recon-members">
            {r.members ? (
              <>
                <b>{formatCount(r.members)}</b> {r.members === 1 ? 'member' : 'members'} on the roster: <b>{formatCount(r.matched)}</b> matched to
                patients, <b>{formatCount(r.unmatched)}</b> not matched
              </>
            ) : (
              'No members on the roster'
            )}
          </Text>
        </Group>
        <Text size="sm" data-testid="recon-sentence">
          {sentence(r)}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" maw={640}>
          <Figure label="Expected" cents={r.expected_cents} testId="recon-expected" />
          <Figure label="Paid" cents={r.paid_cents} testId="recon-paid" />
          <Figure
            label={r.difference_cents < 0 ? 'Short' : r.difference_cents > 0 ? 'Over' : 'Difference'}
            cents={r.difference_cents}
            testId="recon-difference"
            tone={off ? (r.difference_cents < 0 ? 'red.8' : 'violet.8') : undefined}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
