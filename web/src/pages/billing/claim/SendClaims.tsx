// Sending claims electronically: the ready claims (or those selected in the worklist) go out
// as one 837P file, after a confirmation that says what will happen; the answer says how
// many went, offers the file, and lists each claim left out with the reason. Without the EDI
// set-up the button explains what is missing and where to enter it.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, List, Stack, Text, Tooltip } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { batchCalls, EDI_PATH, useClaimChanged } from '../../../lib/billing';
import { formatMoney } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import type { ClaimBatchResult, EdiSettings } from '../../../lib/types';
import { ActionDialog, useDialogAction } from '../../../components/Dialogs';
import { DownloadButton } from '../../../components/DownloadButton';
import { QueryState } from '../../../components/QueryState';
import { settingsKey, useSettings } from '../../../components/SettingsForm';

const claims = (n: number) => `${n} ${n === 1 ? 'claim' : 'claims'}`;

/** The file of a batch as the server names it. */
export const batchFilename = (id: number) => `claims-${id}.837`;

/** Downloads a batch's 837P file. */
export function BatchDownload({ id, label, size }: { id: number; label: string; size?: 'xs' | 'sm' }) {
  return (
    <DownloadButton
      path={batchCalls.filePath(id)}
      size={size}
      aria-label={`Download ${batchFilename(id)}`}
      done={(f) => `${f} downloaded. The export is recorded in the audit trail.`}
    >
      {label}
    </DownloadButton>
  );
}

function NoSetup({ onClose }: { onClose: () => void }) {
  const canSetup = useSession().can('billing.setup');
  return (
    <ActionDialog
      title="Set up electronic claims first"
      error={null}
      onClose={onClose}
      cancelLabel="Close"
      action={
        canSetup ? (
          <Button component={Link} to="/billing/setup?tab=edi">
            Set up EDI
          </Button>
        ) : null
      }
    >
      <Text size="sm">
        Claims go out as 837P files to your clearinghouse. The practice's enrolment with it (submitter and receiver ids, the ISA and GS identifiers) is not
        entered yet.
      </Text>
      {!canSetup ? <Text size="sm">Ask someone who may change the billing setup, such as the practice manager, to enter it.</Text> : null}
    </ActionDialog>
  );
}

function Sent({ batch, onClose }: { batch: ClaimBatchResult; onClose: () => void }) {
  return (
    <ActionDialog title="Claims sent" error={null} onClose={onClose} cancelLabel="Close" action={<BatchDownload id={batch.id} label="Download 837P file" size="sm" />}>
      <Text size="sm" data-testid="batch-sent">
        {claims(batch.claims)} ({formatMoney(batch.total_cents)}) {batch.claims === 1 ? 'is' : 'are'} in <span className="mono">{batchFilename(batch.id)}</span>{' '}
        (control number <span className="mono">{batch.control}</span>) and marked submitted. Download the file and upload it to the clearinghouse; it
        stays under Claim files.
      </Text>
      {batch.skipped.length ? (
        <Alert color="orange" title={`${claims(batch.skipped.length)} left out`}>
          <List size="sm" aria-label="Claims left out">
            {batch.skipped.map((s) => (
              <List.Item key={s.claim_id}>
                <Anchor component={Link} to={`/billing/claims/${s.claim_id}`} size="sm">
                  Claim {s.claim_id}
                </Anchor>
                : {s.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </ActionDialog>
  );
}

function Confirm({ ids, count, edi, onSent, onClose }: { ids: number[] | null; count: number; edi: EdiSettings; onSent: (b: ClaimBatchResult) => void; onClose: () => void }) {
  const queryClient = useQueryClient();
  const changed = useClaimChanged();
  const { busy, error, run } = useDialogAction();
  const refresh = () => {
    changed();
    void queryClient.invalidateQueries({ queryKey: ['claim'] });
    void queryClient.invalidateQueries({ queryKey: ['claim-batches'] });
    void queryClient.invalidateQueries({ queryKey: settingsKey(EDI_PATH) });
  };
  const send = () =>
    run(async () => {
      const batch = await batchCalls.send(ids ?? undefined);
      refresh();
      onSent(batch);
    }, refresh);
  return (
    <ActionDialog
      title="Send claims as an 837P file?"
      error={error}
      onClose={onClose}
      action={
        <Button leftSection={<IconSend size={16} />} loading={busy} onClick={() => void send()}>
          Send {claims(count)}
        </Button>
      }
    >
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {claims(count)} will be sent in one 837P file and marked submitted.
        </Text>
        <Text size="sm">Each is scrubbed once more first; a claim with errors is left out and listed.</Text>
        <Text size="sm">
          Receiver: {edi.receiver_name}.{' '}
          {edi.usage === 'T'
            ? 'The file is marked as a test: the clearinghouse checks it but does not pass the claims on to the payers.'
            : 'The file is marked for production: the clearinghouse passes the claims on to the payers.'}
        </Text>
      </Stack>
    </ActionDialog>
  );
}

/**
 * `ready`: how many claims are ready; `selected`: the ready claims ticked in the worklist
 * (sent instead of all). The EDI set-up is looked up when the button is pressed.
 */
export function SendClaims({ ready, selected, onSent }: { ready: number; selected: number[]; onSent: () => void }) {
  const [open, setOpen] = useState(false);
  const edi = useSettings<EdiSettings>(EDI_PATH, { enabled: open });
  const [batch, setBatch] = useState<ClaimBatchResult | null>(null);
  const count = selected.length || ready;
  const close = () => {
    setOpen(false);
    setBatch(null);
  };
  const button = (
    <Button
      leftSection={<IconSend size={16} />}
      rightSection={
        <Badge size="sm" variant="white" color="dark" circle={count < 10}>
          {count}
        </Badge>
      }
      disabled={count === 0}
      onClick={() => setOpen(true)}
    >
      {selected.length ? 'Send selected claims (837P)' : 'Send ready claims (837P)'}
    </Button>
  );
  return (
    <>
      {count === 0 ? (
        <Tooltip label="No claim is ready to send">
          <span>{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      {!open ? null : batch ? (
        <Sent batch={batch} onClose={close} />
      ) : edi.data ? (
        <Confirm
          ids={selected.length ? selected : null}
          count={count}
          edi={edi.data}
          onSent={(b) => {
            setBatch(b);
            onSent();
          }}
          onClose={close}
        />
      ) : edi.isSuccess ? (
        <NoSetup onClose={close} />
      ) : (
        <ActionDialog title="Send claims as an 837P file?" error={null} onClose={close} action={null}>
          <QueryState isLoading={edi.isLoading} error={edi.error} retry={() => void edi.refetch()} />
        </ActionDialog>
      )}
    </>
  );
}
