// Removing an availability rule or exception: a confirmation that says what happens
// next, then DELETE, fresh lists and open times.
import type { ReactNode } from 'react';
import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { ActionDialog, useDialogAction } from '../../../components/Dialogs';

export function RemoveDialog({ title, path, list, done, children, onClose }: {
  title: string;
  /** The API path of the record, e.g. /availability-rules/12 */
  path: string;
  /** The query key of the list it belongs to */
  list: string;
  /** The notification once removed */
  done: string;
  children: ReactNode;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const { busy, error, run } = useDialogAction();
  const go = () =>
    run(async () => {
      await api.del(path);
      void queryClient.invalidateQueries({ queryKey: [list] });
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
      notifications.show({ color: 'teal', message: done });
      onClose();
    });
  return (
    <ActionDialog
      title={title}
      error={error}
      onClose={onClose}
      action={
        <Button color="red.9" onClick={() => void go()} loading={busy}>
          Remove
        </Button>
      }
    >
      <Text size="sm">{children}</Text>
    </ActionDialog>
  );
}
