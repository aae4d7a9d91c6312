import { Alert, Stack, Title } from '@mantine/core';

export function Forbidden({ what = 'this page' }: { what?: string }) {
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        No access
      </Title>
      <Alert color="orange" title="You do not have permission">
        Your role does not allow you to open {what}. Ask your practice administrator if you need it.
      </Alert>
    </Stack>
  );
}
