// Reversing a capitation payment recorded in error: says what happens to the month, asks why
// (the reason stays with the reversal in the journal), and posts the opposite entry once.
import { useState } from 'react';
import { Button, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CAP_METHODS, useCapitationChanged, type CapPayment } from '../../../lib/capitation';
import { formatDate, formatMoney, formatMonth } from '../../../lib/format';
import { ledgerCalls } from '../../../lib/ledger';
import { ActionDialog, useDialogAction } from '../../../components/Dialogs';

export function ReverseCapPaymentDialog({ payment, month, onClose }: { payment: CapPayment; month: string; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useDialogAction();
  const changed = useCapitationChanged();
  const what = `${payment.amount_cents < 0 ? 'take-back' : 'payment'} of ${formatMoney(Math.abs(payment.amount_cents))} received ${formatDate(payment.received_on)}`;
  const go = () => {
    if (!reason.trim()) return setError('Say why this payment is reversed.');
    return run(
      async () => {
        await ledgerCalls.reverse(payment.entry_id, reason.trim());
        changed();
        notifications.show({ color: 'teal', message: `The ${what} is reversed.` });
        onClose();
      },
      () => changed(),
    );
  };
  return (
    <ActionDialog
      title={`Reverse the ${what}?`}
      error={error}
      onClose={onClose}
      action={
        <Button color="red.8" onClick={() => void go()} loading={busy}>
          Reverse payment
        </Button>
      }
    >
      <Stack gap="xs">
        <Text size="sm">
          An opposite entry is posted today and the {payment.amount_cents < 0 ? 'take-back' : 'payment'} ({CAP_METHODS[payment.method]}
          {payment.reference ? `, ${payment.reference}` : ''}) no longer counts towards {formatMonth(month)}. It stays in the list, marked reversed, and
          can be reversed only once.
        </Text>
        <Textarea
          label="Why"
          required
          placeholder="e.g. posted to the wrong month"
          maxLength={200}
          autosize
          minRows={2}
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      </Stack>
    </ActionDialog>
  );
}
