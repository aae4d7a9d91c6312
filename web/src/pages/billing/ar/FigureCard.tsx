// One figure of a report as a card: its name, the value large, and a sentence of what it
// counts (or how it is made); a link to the rows behind it when there are some.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Paper, Stack, Text } from '@mantine/core';

export interface Figure {
  key: string;
  label: string;
  value: string;
  meaning: ReactNode;
  link?: { to: string; label: string };
}

export function FigureCard({ figure }: { figure: Figure }) {
  return (
    <Paper p="md" role="group" aria-label={figure.label} h="100%" data-testid={`figure-${figure.key}`}>
      <Stack gap={6} h="100%">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {figure.label}
        </Text>
        <Text fw={700} fz={26} lh={1.15} className="num" ta="left" data-testid="figure-value">
          {figure.value}
        </Text>
        <Text size="sm">{figure.meaning}</Text>
        {figure.link ? (
          <Anchor component={Link} to={figure.link.to} size="sm" mt="auto">
            {figure.link.label}
          </Anchor>
        ) : null}
      </Stack>
    </Paper>
  );
}
