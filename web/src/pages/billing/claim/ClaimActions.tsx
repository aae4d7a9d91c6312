// What may happen to a claim next, as buttons for its state: submit, record the payer's
// answer (accepted, rejected, paid, partly paid, denied), close, a corrected claim or a
// void (confirmed, saying what will happen), the payer's paper EOB, and the CMS-1500 form.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { downloadFile } from '../../../lib/api';
import { CLAIM_STEPS, claimCalls, isFixable, isWithPayer, STEP_LABELS, useClaimChanged, useClaimRun, type ClaimAction } from '../../../lib/billing';
import type { ClaimDetail } from '../../../lib/types';
import { ActionDialog, useDialogAction } from '../../../components/Dialogs';
import { EobDialog } from './EobDialog';

const STEP_WORDS: Record<ClaimAction, string> = {
  submitted: 'The claim is scrubbed once more and marked as sent to the payer.',
  accepted: 'The payer (or clearinghouse) accepted the claim for processing.',
  rejected: 'The payer sent the claim back unprocessed: fix the charges or the setup, then scrub it again.',
  paid: 'The payer paid the claim in full.',
  partial: 'The payer paid part of the claim.',
  denied: 'The payer denied the claim.',
  closed: 'Nothing more is expected on this claim.',
};

function StepDialog({ claim, step, onClose }: { claim: ClaimDetail; step: ClaimAction; onClose: () => void }) {
  const changed = useClaimChanged();
  const [note, setNote] = useState('');
  const [icn, setIcn] = useState(claim.payer_claim_number ?? '');
  const { busy, error, setError, run } = useDialogAction();
  const cancelling = step === 'closed' && isFixable(claim.status);
  const go = () => {
    if (cancelling && !note.trim()) return setError('Say why this claim is closed without being sent.');
    return run(
      async () => {
        const c = await claimCalls.step(claim, step, { note, payer_claim_number: icn !== (claim.payer_claim_number ?? '') ? icn : null });
        changed(c);
        notifications.show({ color: 'teal', message: `Claim ${c.id}: ${STEP_LABELS[step].toLowerCase()}.` });
        onClose();
      },
      () => changed(),
    );
  };
  return (
    <ActionDialog
      title={`${cancelling ? 'Cancel' : STEP_LABELS[step]}: claim ${claim.id}`}
      error={error}
      onClose={onClose}
      action={
        <Button onClick={() => void go()} loading={busy} color={step === 'denied' || step === 'rejected' ? 'red.8' : undefined}>
          {cancelling ? 'Cancel the claim' : `Record: ${STEP_LABELS[step].toLowerCase()}`}
        </Button>
      }
    >
      <Text size="sm">{cancelling ? 'The claim was never sent: closing it cancels it.' : STEP_WORDS[step]}</Text>
      {step !== 'closed' ? (
        <TextInput label="Payer claim number" description="The payer's number for this claim (ICN / DCN), when known" maxLength={50} value={icn} onChange={(e) => setIcn(e.currentTarget.value)} />
      ) : null}
      <Textarea label="Note" required={cancelling} maxLength={500} autosize minRows={2} data-autofocus value={note} onChange={(e) => setNote(e.currentTarget.value)} />
    </ActionDialog>
  );
}

function ReplaceDialog({ claim, kind, onClose }: { claim: ClaimDetail; kind: 'correct' | 'void'; onClose: () => void }) {
  const changed = useClaimChanged();
  const navigate = useNavigate();
  const [note, setNote] = useState('');
  const { busy, error, run } = useDialogAction();
  const icn = claim.payer_claim_number ? ` (payer claim number ${claim.payer_claim_number})` : '';
  const go = () =>
    run(async () => {
      const c = await claimCalls.replace(claim.id, kind, note);
      changed(c);
      notifications.show({ color: 'teal', message: `Claim ${c.id} ${kind === 'correct' ? 'corrects' : 'voids'} claim ${claim.id}.` });
      onClose();
      navigate(`/billing/claims/${c.id}`);
    });
  return (
    <ActionDialog
      title={kind === 'correct' ? `Corrected claim for claim ${claim.id}?` : `Void claim ${claim.id}?`}
      error={error}
      onClose={onClose}
      action={
        <Button color={kind === 'void' ? 'red.8' : undefined} onClick={() => void go()} loading={busy}>
          {kind === 'correct' ? 'Create corrected claim' : 'Create void'}
        </Button>
      }
    >
      <Stack gap="xs">
        {kind === 'correct' ? (
          <Text size="sm">
            A new claim (frequency 7) replaces claim {claim.id}
            {icn} at {claim.payer_name}. It is built from the visit's charges as they are now and scrubbed; fix the charges on it if needed, then
            submit it.
          </Text>
        ) : (
          <Text size="sm">
            A void (frequency 8) asks {claim.payer_name} to cancel claim {claim.id}
            {icn} entirely; anything it paid on the claim will be taken back. The void is a new claim that you then submit.
          </Text>
        )}
        <Text size="sm">Claim {claim.id} stays as it is, marked as replaced, with its history. Your name is recorded on the new claim.</Text>
        <Textarea label="Why" placeholder="e.g. wrong units on line 2" maxLength={500} autosize minRows={2} data-autofocus value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      </Stack>
    </ActionDialog>
  );
}

export function ClaimActions({ claim, canWrite }: { claim: ClaimDetail; canWrite: boolean }) {
  const [step, setStep] = useState<ClaimAction | null>(null);
  const [replace, setReplace] = useState<'correct' | 'void' | null>(null);
  const [eob, setEob] = useState(false);
  const { busy, run } = useClaimRun(claim.id);
  const live = canWrite && !claim.replaced_by;
  const steps = live ? CLAIM_STEPS[claim.status] : [];
  const answers = steps.filter((s) => s !== 'submitted' && s !== 'closed');
  const download = () =>
    run('pdf', async () => {
      await downloadFile(`/claims/${claim.id}/cms1500.pdf`);
      return claim;
    }, () => 'CMS-1500 downloaded. The export is recorded in the audit trail.');
  return (
    <Group gap="xs" wrap="wrap">
      {steps.includes('submitted') ? (
        <Button loading={busy === 'submit'} onClick={() => void run('submit', () => claimCalls.step(claim, 'submitted'), (c) => `Claim ${c.id} submitted.`)}>
          Submit
        </Button>
      ) : null}
      {live && isFixable(claim.status) ? (
        <Button variant="light" loading={busy === 'scrub'} onClick={() => void run('scrub', () => claimCalls.scrub(claim.id), (c) => `Claim ${c.id} scrubbed again.`)}>
          Scrub again
        </Button>
      ) : null}
      {live && (claim.status === 'submitted' || claim.status === 'accepted') ? <Button onClick={() => setEob(true)}>Enter paper EOB</Button> : null}
      {answers.map((s) => (
        <Button key={s} variant="light" color={s === 'denied' || s === 'rejected' ? 'red' : undefined} onClick={() => setStep(s)}>
          {STEP_LABELS[s]}
        </Button>
      ))}
      {live && isWithPayer(claim.status) ? (
        <>
          <Button variant="light" onClick={() => setReplace('correct')}>
            Corrected claim
          </Button>
          <Button variant="light" color="red" onClick={() => setReplace('void')}>
            Void
          </Button>
        </>
      ) : null}
      {steps.includes('closed') ? (
        <Button variant="default" onClick={() => setStep('closed')}>
          {isFixable(claim.status) ? 'Cancel claim' : 'Close'}
        </Button>
      ) : null}
      <Button variant="default" leftSection={<IconDownload size={16} />} loading={busy === 'pdf'} onClick={() => void download()}>
        CMS-1500
      </Button>
      {step ? <StepDialog claim={claim} step={step} onClose={() => setStep(null)} /> : null}
      {replace ? <ReplaceDialog claim={claim} kind={replace} onClose={() => setReplace(null)} /> : null}
      {eob ? <EobDialog claim={claim} onClose={() => setEob(false)} /> : null}
    </Group>
  );
}
