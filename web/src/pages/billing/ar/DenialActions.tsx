// Working a denial from its row: the steps it may take from where it is (appealed,
// resubmitted, written off, closed, reopened), each confirmed in a dialog that says what it
// does and takes a note (the reason, for a write-off). The server's answer to a step it
// refuses (someone else moved the denial) is shown there, and the list loads again.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Menu, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../../lib/api';
import { formatMoney } from '../../../lib/format';
import { serverMessage } from '../../../lib/forms';
import { useLedgerChanged } from '../../../lib/ledger';
import type { Denial, DenialStatus } from '../../../lib/types';
import { DENIAL_ACTIONS, DENIAL_STEPS, denialCalls } from '../../../lib/worklists';
import { ActionDialog, useDialogAction } from '../../../components/Dialogs';

const lineOf = (d: Denial) => `claim ${d.claim_id} · line ${d.line_no}`;

/** The dialog of one step: rendered by the page, so that a row leaving the list keeps it open. */
export function DenialStepDialog({ denial, step, onClose }: { denial: Denial; step: DenialStatus; onClose: () => void }) {
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const { busy, error, run } = useDialogAction();
  const changed = useLedgerChanged();
  const action = DENIAL_ACTIONS[step];
  const writeOff = step === 'written_off';
  const go = () => {
    if (writeOff && !note.trim()) return setNoteError('Say why this denial is written off');
    setNoteError(null);
    return run(
      async () => {
        try {
          await denialCalls.step(denial.id, step, note.trim());
        } catch (e) {
          if (!(e instanceof ApiError) || e.status !== 409) throw e;
          changed(denial.patient_id);
          throw new Error(`This denial was changed meanwhile (${errorMessage(e)}). The list now shows where it is: choose the next step from there.`);
        }
        changed(denial.patient_id);
        notifications.show({ color: 'teal', message: `Denial of ${lineOf(denial)}: ${action.done}.` });
        onClose();
      },
      (e) => {
        const field = e instanceof ApiError ? e.fieldErrors.find((f) => f.field === 'note') : undefined;
        if (field) setNoteError(serverMessage(field, { note: writeOff ? 'The reason' : 'The note' }));
      },
    );
  };
  return (
    <ActionDialog
      title={action.title(lineOf(denial))}
      error={error}
      onClose={onClose}
      action={
        <Button color={writeOff ? 'red.8' : undefined} onClick={() => void go()} loading={busy}>
          {action.button}
        </Button>
      }
    >
      <Text size="sm">
        {denial.payer_name} denied {formatMoney(denial.amount_cents)} on this line. {action.words(denial.payer_name)}
      </Text>
      <Textarea
        label={writeOff ? 'Why' : 'Note'}
        description={writeOff ? 'Kept with the write-off in the patient’s account' : 'Optional: kept with the denial'}
        placeholder={writeOff ? 'e.g. appeal lost, past the filing limit' : step === 'appealed' ? 'e.g. appeal letter sent with the records' : undefined}
        required={writeOff}
        maxLength={500}
        autosize
        minRows={2}
        data-autofocus
        value={note}
        error={noteError}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </ActionDialog>
  );
}

/** The denial's next steps, for whoever works claims (`canWork`; write-offs need `canWriteOff`), after
 * opening its claim. Nothing for a denial that is done, or for whoever only reads. */
export function DenialActions({
  denial,
  canWork,
  canWriteOff,
  onStep,
}: {
  denial: Denial;
  canWork: boolean;
  canWriteOff: boolean;
  onStep: (denial: Denial, step: DenialStatus) => void;
}) {
  const steps = (canWork ? (DENIAL_STEPS[denial.status] ?? []) : []).filter((s) => s !== 'written_off' || canWriteOff);
  if (!steps.length) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="light" rightSection={<IconChevronDown size={14} />} aria-label={`Update the denial of ${lineOf(denial)}`}>
          Update
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to={`/billing/claims/${denial.claim_id}`}>
          Open claim {denial.claim_id}
        </Menu.Item>
        <Menu.Divider />
        {steps.map((s) => (
          <Menu.Item key={s} color={s === 'written_off' ? 'red.8' : undefined} onClick={() => onStep(denial, s)}>
            {DENIAL_ACTIONS[s].item}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
