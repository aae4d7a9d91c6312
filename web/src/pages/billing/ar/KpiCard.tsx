// One revenue-cycle indicator as a card: its name, its value large ("—" when there is nothing
// to measure yet), what it means, the two figures it is made of, what practices aim for, and a
// link to the rows behind it.
import { Link } from 'react-router-dom';
import { Anchor, Paper, Stack, Text } from '@mantine/core';
import type { Kpi, KpiPart } from './kpis';

function Part({ sign, part, testId }: { sign: string; part: KpiPart; testId: string }) {
  return (
    <>
      <dt>
        <span aria-hidden>{sign} </span>
        {part.label}
      </dt>
      <dd className="num" data-testid={testId}>
        {part.value}
      </dd>
      {part.detail ? (
        <dd className="kpi-parts__detail" data-testid={`${testId}-detail`}>
          {part.detail}
        </dd>
      ) : null}
    </>
  );
}

export function KpiCard({ kpi }: { kpi: Kpi }) {
  return (
    <Paper p="md" role="group" aria-label={kpi.label} h="100%" data-testid={`kpi-${kpi.key}`}>
      <Stack gap={6} h="100%">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {kpi.label}
        </Text>
        <div>
          <Text fw={700} fz={30} lh={1.15} className="num" ta="left" data-testid="kpi-value">
            {kpi.value ?? '\u2014'}
          </Text>
          {kpi.value === null ? (
            <Text size="sm" c="dimmed" fs="italic">
              Nothing to measure yet
            </Text>
          ) : null}
        </div>
        <Text size="sm">{kpi.meaning}</Text>
        <dl className="dl kpi-parts">
          <Part sign="" part={kpi.numerator} testId="kpi-numerator" />
          <Part sign="÷" part={kpi.denominator} testId="kpi-denominator" />
        </dl>
        <Text size="xs" c="dimmed" mt="auto">
          {kpi.aim}
        </Text>
        {kpi.link ? (
          <Anchor component={Link} to={kpi.link.to} size="sm">
            {kpi.link.label}
          </Anchor>
        ) : null}
      </Stack>
    </Paper>
  );
}
