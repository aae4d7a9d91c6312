import { Alert, Button, Center, Loader, Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../lib/api';

/** Loading / error placeholder for a whole page section. */
export function QueryState({ isLoading, error, retry }: { isLoading?: boolean; error?: unknown; retry?: () => void }) {
  if (isLoading)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (error)
    return (
      <Alert color="red" title="Could not load" role="alert">
        {errorMessage(error)}
        {retry ? (
          <Button variant="light" color="red" size="xs" ml="md" onClick={retry}>
            Try again
          </Button>
        ) : null}
      </Alert>
    );
  return null;
}

/** A record's page until its record is there: placeholders while it loads, else why not, with a retry. */
export function RecordState({ query, heights = [96, 200] }: { query: Pick<UseQueryResult<unknown>, 'isLoading' | 'error' | 'refetch'>; heights?: number[] }) {
  if (query.isLoading)
    return (
      <Stack>
        {heights.map((h, i) => (
          <Skeleton key={i} h={h} />
        ))}
      </Stack>
    );
  return <QueryState error={query.error ?? new Error('Not found')} retry={() => void query.refetch()} />;
}
