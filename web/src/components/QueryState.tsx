import { Alert, Button, Center, Loader } from '@mantine/core';
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
