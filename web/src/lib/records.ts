// Saving a practice record (provider, location) from its edit dialog.
import { useState } from 'react';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './api';
import { changedKeys, patchBody, submitError } from './forms';

/**
 * The dialog form's submit handler and error: POSTs a new record, or PATCHes the
 * fields that changed (with the version it was loaded at) and nothing when none
 * did. On a version conflict the user's edits stay in the form.
 */
export function useRecordSubmit<R extends { id: number; version: number }, V, B extends Record<string, unknown>>({
  form,
  record,
  collection,
  noun,
  toValues,
  toBody,
  onClose,
}: {
  form: UseFormReturnType<V>;
  /** null when creating. */
  record: R | null;
  /** The API path under the base ("/locations") and the list's query key, without the slash. */
  collection: string;
  /** Singular, lower case: "location". */
  noun: string;
  toValues: (record: R) => V;
  toBody: (values: V) => B;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      if (record) {
        const after = toBody(v);
        const keys = changedKeys(toBody(toValues(record)), after);
        if (keys.length) await api.patch<R>(`/${collection}/${record.id}`, patchBody(record.version, after, keys));
      } else {
        await api.post<R>(`/${collection}`, toBody(v));
      }
      void queryClient.invalidateQueries({ queryKey: [collection] });
      notifications.show({ color: 'teal', message: record ? `${Noun} saved.` : `${Noun} added.` });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') {
        setError(`Someone else changed this ${noun} while you were editing. Your edits are still here; close and reopen to see theirs, then re-apply.`);
        void queryClient.invalidateQueries({ queryKey: [collection] });
        return;
      }
      setError(submitError(form, e));
    }
  });
  return { submit, error };
}
