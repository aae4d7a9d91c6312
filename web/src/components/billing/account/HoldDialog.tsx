// Holding an account from statements (a disputed balance, a payment plan), with why; or
// lifting a hold. The server does not say whether an account is held, so this dialog offers
// both when the session does not know, and says so.
import { useState } from 'react';
import { Button, Input, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ApiError } from '../../../lib/api';
import { serverMessage } from '../../../lib/forms';
import { HOLD_REASONS, statementCalls, useKnownHold, type HoldReason } from '../../../lib/statements';
import { ActionDialog, useDialogAction } from '../../Dialogs';

const REASON_LABELS: Record<HoldReason, string> = { disputed: 'Disputed', 'payment plan': 'Payment plan', other: 'Other' };

export function HoldDialog({ patientId, patientName, onClose }: { patientId: number; patientName: string; onClose: () => void }) {
  const known = useKnownHold(patientId);
  const [kind, setKind] = useState<HoldReason>('disputed');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const { busy, error, run } = useDialogAction();
  const [doing, setDoing] = useState<'hold' | 'lift' | null>(null);
  const send = (reason: string | null) => {
    setDoing(reason ? 'hold' : 'lift');
    return run(
      async () => {
        const answer = await statementCalls.hold(patientId, reason);
        known.set(answer.hold);
        notifications.show({
          color: 'teal',
          message: answer.hold ? `${patientName}: statements on hold (${answer.hold}).` : `${patientName}: the hold is lifted; the next run bills the account.`,
        });
        onClose();
      },
      (e) => {
        const field = e instanceof ApiError ? e.fieldErrors.find((f) => f.field === 'reason') : undefined;
        if (field) setNoteError(serverMessage(field, { reason: 'The reason' }));
      },
    );
  };
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
        <>
          {known.hold === undefined ? (
            <Button variant="subtle" color="gray" onClick={() => void send(null)} loading={busy && doing === 'lift'} disabled={busy && doing !== 'lift'}>
              Lift an earlier hold
            </Button>
          ) : null}
          <Button onClick={() => void hold()} loading={busy && doing === 'hold'} disabled={busy && doing !== 'hold'}>
            Hold statements
          </Button>
        </>
      }
    >
      <Stack gap="sm">
        <Text size="sm">
          Statement runs skip this account until the hold is lifted; what is owed stays on the account.
          {known.hold === undefined ? ' Praxis cannot show a hold set earlier: this one replaces it, or “Lift an earlier hold” ends it.' : ''}
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
