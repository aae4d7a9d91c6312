// Holding an account from statements (a disputed balance, a payment plan agreed outside
// Praxis), with why. Offered when the account has no hold set by hand; lifting one is the
// hold's own button.
import { useState } from 'react';
import { Button, Input, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../../../lib/api';
import { serverMessage } from '../../../lib/forms';
import { HOLD_REASONS, statementCalls, useAccountHold, type HoldReason } from '../../../lib/statements';
import { ActionDialog, useDialogAction } from '../../Dialogs';

const REASON_LABELS: Record<HoldReason, string> = { disputed: 'Disputed', 'payment plan': 'Payment plan', other: 'Other' };

export function HoldDialog({ patientId, patientName, onClose }: { patientId: number; patientName: string; onClose: () => void }) {
  const { set } = useAccountHold(patientId);
  const [kind, setKind] = useState<HoldReason>('disputed');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const { busy, error, run } = useDialogAction();
  const send = (reason: string) =>
    run(
      async () => {
        const answer = await statementCalls.hold(patientId, reason);
        set(answer);
        notifications.show({ color: 'teal', message: `${patientName}: statements on hold (${answer.hold}).` });
        onClose();
      },
      (e) => {
        const field = e instanceof ApiError ? e.fieldErrors.find((f) => f.field === 'reason') : undefined;
        if (field) setNoteError(serverMessage(field, { reason: 'The reason' }));
      },
    );
  const hold = () => {
    const text = note.trim();
    if (kind === 'other' && !text) return setNoteError('Say why the account is held');
    setNoteError(null);
    return send(text ? `${kind}: ${text}` : kind);
  };
  return (
    <ActionDialog
      title={`Hold statements: ${patientName}`}
      size="lg"
      error={error}
      onClose={onClose}
      action={
        <Button onClick={() => void hold()} loading={busy}>
          Hold statements
        </Button>
      }
    >
      <Stack gap="sm">
        <Text size="sm">
          Statement runs skip this account until the hold is lifted; what is owed stays on the account.
        </Text>
        <Input.Wrapper label="Why" required>
          <SegmentedControl
            fullWidth
            aria-label="Why"
            value={kind}
            onChange={(v) => setKind(v as HoldReason)}
            data={HOLD_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }))}
          />
        </Input.Wrapper>
        <Textarea
          label="Note"
          required={kind === 'other'}
          description="Kept with the hold, e.g. “asked for an itemized bill” or “$50 a month from May”"
          maxLength={180}
          autosize
          minRows={2}
          data-autofocus
          value={note}
          error={noteError}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </Stack>
    </ActionDialog>
  );
}
