// A titled part of a record's page (a claim's edits, a remittance's claims): its heading,
// with what belongs at its right (counts, a button), over its content.
import type { ReactNode } from 'react';
import { Group, Paper, Title } from '@mantine/core';

export function Section({ title, right, children }: { title: string; right?: ReactNode; children: ReactNode }) {
  return (
    <Paper p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {right}
      </Group>
      {children}
    </Paper>
  );
}
