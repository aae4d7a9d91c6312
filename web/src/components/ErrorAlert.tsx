import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';

/** A red alert that screen readers announce at once; nothing when there is no error. */
export function ErrorAlert({ error, title, children }: { error: ReactNode; title?: ReactNode; children?: ReactNode }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert">
      {error}
      {children}
    </Alert>
  );
}
