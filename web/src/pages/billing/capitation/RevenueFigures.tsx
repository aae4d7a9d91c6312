// The report's totals as the figures a practice manager weighs a capitation contract by: member
// months, what was paid of what the rosters expected, paid per member per month against what
// the members' visits would have charged per member (fee-for-service), and how often members
// come in.
import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { CapReport } from '../../../lib/capitation';
import { formatCount, formatMoney } from '../../../lib/format';

function Figure({ label, value, detail, testId }: { label: string; value: string; detail: string; testId: string }) {
  return (
    <Paper p="md" role="group" aria-label={label} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.2} className="num" ta="left" data-testid="figure-value">
        {value}
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {detail}
      </Text>
    </Paper>
  );
}

export function RevenueFigures({ report }: { report: CapReport }) {
  const t = report.totals;
  const chargesPerMember = t.member_months ? Math.trunc(t.capitated_charges_cents / t.member_months) : 0;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" data-testid="revenue-figures">
      <Figure label="Member months" value={formatCount(t.member_months)} detail="Members on the rosters, counted once a month" testId="fig-member-months" />
      <Figure
        label="Paid"
        value={formatMoney(t.paid_cents)}
        detail={`of ${formatMoney(t.expected_cents)} the rosters expected`}
        testId="fig-paid"
      />
      <Figure
        label="Paid per member per month"
        value={formatMoney(t.revenue_per_member_cents)}
        detail={`Their visits would have charged ${formatMoney(chargesPerMember)} per member`}
        testId="fig-per-member"
      />
      <Figure
        label="Visits per 1,000 member months"
        value={formatCount(t.visits_per_1000_member_months)}
        detail={`${formatCount(t.visits)} capitated ${t.visits === 1 ? 'visit' : 'visits'}, charges ${formatMoney(t.capitated_charges_cents)}`}
        testId="fig-visits"
      />
    </SimpleGrid>
  );
}
