// Reversing a journal entry posted in error: says what the opposite entry will do, asks why
// (the reason stays with the reversal in the journal), and posts it once. The account's
// postings and capitation payments say their own what and effect.
import { useState, type ReactNode } from 'react';
import { Button, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ledgerCalls } from '../../lib/ledger';
import { ActionDialog, useDialogAction } from '../Dialogs';

export interface ReverseEntryProps {
  entryId: number;
  /** What the biller is asked for a reason about: "Say why this <noun> is reversed." */
  noun: string;
  /** "payment of Mar 3, 2026": the title asks "Reverse the <what>?" */
  what: string;
  /** What the opposite entry does, after "An opposite entry is posted today". */
  effect: ReactNode;
  action: string;
  placeholder: string;
  /** After the reversal, or after the server refused it (the data changed meanwhile). */
  onChanged: (failure?: unknown) => void;
  onClose: () => void;
}

export function ReverseEntryDialog({ entryId, noun, what, effect, action, placeholder, onChanged, onClose }: ReverseEntryProps) {
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useDialogAction();
  const go = () => {
    if (!reason.trim()) return setError(`Say why this ${noun} is reversed.`);
    return run(
      async () => {
        await ledgerCalls.reverse(entryId, reason.trim());
        onChanged();
        notifications.show({ color: 'teal', message: `The ${what} is reversed.` });
        onClose();
      },
      (e) => onChanged(e),
    );
  };
  return (
    <ActionDialog
      title={`Reverse the ${what}?`}
      error={error}
      onClose={onClose}
      action={
        <Button color="red.8" onClick={() => void go()} loading={busy}>
          {action}
        </Button>
      }
    >
      <Stack gap="xs">
        <Text size="sm">An opposite entry is posted today{effect}</Text>
        <Textarea
          label="Why"
          required
          placeholder={placeholder}
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
