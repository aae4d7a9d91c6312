// A practice-wide record edited whole, such as the billing profile or the EDI set-up: read
// with GET (404 until it is first saved), created by the first PUT, changed by a PUT with
// its version. The tab loads it; the form saves it, puts the server's field errors on the
// fields and explains a conflict without losing what was typed.
import { Fragment, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../lib/api';
import { submitError } from '../lib/forms';
import { ErrorAlert } from './ErrorAlert';
import { QueryState } from './QueryState';

export const settingsKey = (path: string) => [path.replace(/^\//, '')];

/** The record at `path` ("/billing-profile"), or null while it was never saved. */
export function useSettings<T>(path: string, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: settingsKey(path),
    queryFn: ({ signal }) =>
      api.get<T>(path, undefined, signal).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    enabled: opts.enabled ?? true,
  });
}

/** The tab of a settings record: what it is for, then its form (started afresh by each save). */
export function SettingsTab<T extends { version: number }>({ path, intro, children }: { path: string; intro: ReactNode; children: (record: T | null) => ReactNode }) {
  const q = useSettings<T>(path);
  if (q.isLoading || q.isError) return <QueryState isLoading={q.isLoading} error={q.error} retry={() => void q.refetch()} />;
  return (
    <Paper p="md" withBorder={false}>
      <Text size="sm" c="dimmed" mb="sm">
        {intro}
      </Text>
      <Fragment key={q.data?.version ?? 0}>{children(q.data ?? null)}</Fragment>
    </Paper>
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The form of a settings record: `missing` says what is not possible until it is saved;
 * the fields are read-only without `canWrite`; the button creates it first, saves it after.
 */
export function SettingsForm<T extends { version: number }, V>({
  path,
  record,
  noun,
  form,
  toValues,
  toBody,
  canWrite,
  missing,
  children,
}: {
  path: string;
  record: T | null;
  /** "billing profile": the form's name and its button's. */
  noun: string;
  form: UseFormReturnType<V>;
  toValues: (saved: T) => V;
  toBody: (values: V) => object;
  canWrite: boolean;
  missing: { title: string; text: ReactNode };
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = form.onSubmit(async (v) => {
    setError(null);
    try {
      const saved = await api.put<T>(path, { ...toBody(v), ...(record ? { version: record.version } : {}) });
      queryClient.setQueryData(settingsKey(path), saved);
      form.resetDirty(toValues(saved));
      notifications.show({ color: 'teal', message: `${capital(noun)} saved.` });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') {
        setError(`Someone else changed the ${noun} meanwhile. Your entries are still here: reload the page to see theirs, then re-apply.`);
        return;
      }
      setError(submitError(form, e));
    }
  });
  return (
    <form onSubmit={save} noValidate aria-label={capital(noun)}>
      <fieldset disabled={!canWrite} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="sm" maw={760}>
          {!record ? (
            <Alert color="orange" title={missing.title}>
              {missing.text}
            </Alert>
          ) : null}
          <ErrorAlert error={error} />
          {children}
          {canWrite ? (
            <Group justify="flex-end">
              <Button type="submit" loading={form.submitting}>
                {record ? `Save ${noun}` : `Create ${noun}`}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </fieldset>
    </form>
  );
}
