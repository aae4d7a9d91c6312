// Cancelling an active payment plan: says what it does (the hold on statements is lifted, what
// is owed stays on the account), asks why (the reason is kept with the plan), and cancels it.
import { useState } from 'react';
import { Button, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../../../lib/api';
import { serverMessage } from '../../../lib/forms';
import { planCalls, type PaymentPlan } from '../../../lib/ledger';
import { ActionDialog, useDialogAction } from '../../Dialogs';

export function CancelPlanDialog({
  plan,
  accountName,
  onDone,
  onClose,
}: {
  plan: PaymentPlan;
  /** Whose account the plan is (the holder's for a family). */
  accountName: string;
  /** After the server cancelled it (its answer), or refused because it changed meanwhile (null). */
  onDone: (plan: PaymentPlan | null) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const { busy, error, run } = useDialogAction();
  const go = () => {
    const why = reason.trim();
    if (!why) return setReasonError('Say why the plan is cancelled');
    setReasonError(null);
    return run(
      async () => {
        const answer = await planCalls.cancel(plan.id, why);
        notifications.show({ color: 'teal', message: `${accountName}: the payment plan is cancelled; statement runs bill the account again.` });
        onDone(answer);
        onClose();
      },
      (e) => {
        const field = e instanceof ApiError ? e.fieldErrors.find((f) => f.field === 'reason') : undefined;
        if (field) setReasonError(serverMessage(field, { reason: 'The reason' }));
        // No longer active (cancelled or paid off meanwhile): show the plan as it is now.
        if (e instanceof ApiError && e.status === 404) onDone(null);
      },
    );
  };
  return (
    <ActionDialog
      title={`Cancel the payment plan: ${accountName}?`}
      error={error}
      onClose={onClose}
      cancelLabel="Keep the plan"
      action={
        <Button color="red.8" onClick={() => void go()} loading={busy}>
          Cancel plan
        </Button>
      }
    >
      <Stack gap="xs">
        <Text size="sm">
          The plan stops: no more reminders, and statement runs bill the account again. What is still owed stays on the account.
        </Text>
        <Textarea
          label="Why"
          required
          placeholder="e.g. the patient asked to pay in full"
          maxLength={200}
          autosize
          minRows={2}
          data-autofocus
          value={reason}
          error={reasonError}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      </Stack>
    </ActionDialog>
  );
}
