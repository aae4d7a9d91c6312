// The admin dialogs: an error alert on top, the content, then Cancel and the
// dialog's own action at the bottom right.
import { useState, type FormEventHandler, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import { errorMessage } from '../lib/api';
import { ErrorAlert } from './ErrorAlert';

/**
 * The action of an ActionDialog: `run` marks it busy while the call runs and shows a failure
 * as the dialog's error (after `onError`, e.g. to reload what the failure made stale).
 */
export function useDialogAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<void>, onError?: (e: unknown) => void) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (e) {
      onError?.(e);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

function DialogBody({
  error,
  onClose,
  action,
  cancelLabel = 'Cancel',
  children,
}: {
  error: string | null;
  onClose: () => void;
  action: ReactNode;
  cancelLabel?: string;
  children: ReactNode;
}) {
  return (
    <Stack>
      <ErrorAlert error={error} />
      {children}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {cancelLabel}
        </Button>
        {action}
      </Group>
    </Stack>
  );
}

/** A dialog whose action is a button that runs at once (no form). */
export function ActionDialog({
  title,
  size,
  error,
  onClose,
  action,
  cancelLabel,
  children,
}: {
  title: string;
  size?: ModalProps['size'];
  error: string | null;
  onClose: () => void;
  action: ReactNode;
  /** The closing button's words ("Close" once nothing is left to cancel). */
  cancelLabel?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <DialogBody error={error} onClose={onClose} action={action} cancelLabel={cancelLabel}>
        {children}
      </DialogBody>
    </Modal>
  );
}

/** A dialog around a form; its action is the form's submit button. */
export function FormDialog({
  opened = true,
  title,
  error,
  onClose,
  onSubmit,
  submitLabel,
  submitting,
  children,
}: {
  opened?: boolean;
  title: string;
  error: string | null;
  onClose: () => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  submitLabel: string;
  submitting: boolean;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <DialogBody
          error={error}
          onClose={onClose}
          action={
            <Button type="submit" loading={submitting}>
              {submitLabel}
            </Button>
          }
        >
          {children}
        </DialogBody>
      </form>
    </Modal>
  );
}
