import { Paper, Stack, Text, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';

export function NotBuilt({ title, planned }: { title: string; planned: string }) {
  return (
    <Stack gap="md" maw={720}>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Paper p="lg">
        <Stack gap="xs">
          <Text fw={600} size="lg">
            <IconTools size={18} aria-hidden style={{ verticalAlign: '-3px', marginRight: 8 }} />
            Not built yet — this area is planned: {planned}
          </Text>
          <Text size="sm" c="dimmed">
            Nothing here reads or changes data yet.
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
