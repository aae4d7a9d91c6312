// The next action on a claim of the worklist: submit a ready claim, scrub one that has
// edits or was rejected, else open it.
import { useNavigate } from 'react-router-dom';
import { Button } from '@mantine/core';
import { claimCalls, isFixable, isSendable, useClaimRun } from '../../../lib/billing';
import { CLAIM_STATUS } from '../../../lib/status';
import type { Claim } from '../../../lib/types';

export function ClaimRowAction({ claim, canWrite }: { claim: Claim; canWrite: boolean }) {
  const navigate = useNavigate();
  const { busy, run } = useClaimRun(claim.id);
  const stop = (e: React.MouseEvent) => e.stopPropagation();
  const who = `claim ${claim.id} (${claim.patient.name})`;
  if (canWrite && isSendable(claim))
    return (
      <Button
        size="compact-sm"
        loading={busy !== null}
        aria-label={`Submit ${who}`}
        onClick={(e) => {
          stop(e);
          void run('submit', () => claimCalls.step(claim, 'submitted'), (c) => `Claim ${c.id} submitted.`);
        }}
      >
        Submit
      </Button>
    );
  if (canWrite && isFixable(claim.status) && !claim.replaced_by)
    return (
      <Button
        size="compact-sm"
        variant="light"
        loading={busy !== null}
        aria-label={`Scrub ${who}`}
        onClick={(e) => {
          stop(e);
          void run('scrub', () => claimCalls.scrub(claim.id), (c) => `Claim ${c.id} scrubbed: ${CLAIM_STATUS[c.status]?.label.toLowerCase()}, ${c.errors} errors, ${c.warnings} warnings.`);
        }}
      >
        Scrub
      </Button>
    );
  return (
    <Button
      size="compact-sm"
      variant="default"
      aria-label={`Open ${who}`}
      onClick={(e) => {
        stop(e);
        navigate(`/billing/claims/${claim.id}`);
      }}
    >
      Open
    </Button>
  );
}
