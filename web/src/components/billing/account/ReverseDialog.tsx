// Reversing a posting entered in error: says what the opposite entry will do to the balances,
// asks why (the reason stays in the account with the reversal), and posts it once.
import { useState } from 'react';
import { Button, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../../../lib/api';
import { formatDate, formatMoney } from '../../../lib/format';
import { ENTRY_KINDS, ledgerCalls, useLedgerChanged } from '../../../lib/ledger';
import type { AccountEntry } from '../../../lib/types';
import { ActionDialog, useDialogAction } from '../../Dialogs';

/** "Insurance owes +$65.00, Patient owes −$10.00": what undoing the entry does. */
function effect(e: AccountEntry): string {
  const parts: [string, number][] = [
    ['Insurance owes', -e.insurance_cents],
    ['Patient owes', -e.patient_cents],
    ['Credit', -e.credit_cents],
  ];
  const moved = parts.filter(([, c]) => c !== 0).map(([label, c]) => `${label} ${c > 0 ? '+' : ''}${formatMoney(c)}`);
  return moved.length ? moved.join(', ') : 'no change to the balances';
}

export function ReverseDialog({ entry, patientId, onClose }: { entry: AccountEntry; patientId: number; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useDialogAction();
  const changed = useLedgerChanged();
  const what = `${ENTRY_KINDS[entry.kind].toLowerCase()} of ${formatDate(entry.effective_date)}`;
  const go = () => {
    if (!reason.trim()) return setError('Say why this entry is reversed.');
    return run(
      async () => {
        await ledgerCalls.reverse(entry.id, reason.trim());
        changed(patientId);
        notifications.show({ color: 'teal', message: `The ${what} is reversed.` });
        onClose();
      },
      (e) => {
        if (e instanceof ApiError && e.status === 409) changed(patientId);
      },
    );
  };
  return (
    <ActionDialog
      title={`Reverse the ${what}?`}
      error={error}
      onClose={onClose}
      action={
        <Button color="red.8" onClick={() => void go()} loading={busy}>
          Reverse entry
        </Button>
      }
    >
      <Stack gap="xs">
        <Text size="sm">
          An opposite entry is posted today: {effect(entry)}. The {ENTRY_KINDS[entry.kind].toLowerCase()} stays in the account, marked reversed, and
          can be reversed only once.
        </Text>
        <Textarea
          label="Why"
          required
          placeholder="e.g. posted to the wrong patient"
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
