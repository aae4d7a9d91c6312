// The account's statement: the patient's statement as of today as a PDF (when nothing is
// owed, or the server finds nothing billable, that is said as information); whether statement
// runs pass over the account (a hold set by hand, with why and since when, or the active
// payment plan), for everyone who sees the account; and, for the billing office, holding the
// account or lifting the hold set by hand.
import { useState } from 'react';
import { Alert, Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../../lib/api';
import { formatDate, todayIso } from '../../../lib/format';
import { statementCalls, useAccountHold } from '../../../lib/statements';
import type { AccountBalances } from '../../../lib/types';
import { DownloadButton } from '../../DownloadButton';
import { HoldDialog } from './HoldDialog';

const NOTHING_OWED = { title: 'No statement to print', message: 'The patient owes nothing: there is nothing to bill.' };

/** A 422 (nothing billable) is information, not a failure. */
function nothingBillable(e: unknown) {
  if (!(e instanceof ApiError) || e.status !== 422) return null;
  const said = errorMessage(e);
  return { title: 'No statement to print', message: `${said.charAt(0).toUpperCase()}${said.slice(1)}: what is still with insurance is not billed to the patient.` };
}

function LiftHold({ patientId, patientName }: { patientId: number; patientName: string }) {
  const { set } = useAccountHold(patientId);
  const [busy, setBusy] = useState(false);
  const lift = async () => {
    setBusy(true);
    try {
      const answer = await statementCalls.hold(patientId, null);
      set(answer);
      notifications.show({
        color: 'teal',
        message: answer.payment_plan_id
          ? `${patientName}: the hold is lifted; statements still wait while the payment plan runs.`
          : `${patientName}: the hold is lifted; the next run bills the account.`,
      });
    } catch (e) {
      notifications.show({ color: 'red', title: 'The hold was not lifted', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="compact-sm" variant="white" color="orange.9" onClick={() => void lift()} loading={busy} style={{ flexShrink: 0 }}>
      Lift hold
    </Button>
  );
}

export function AccountStatements({
  patientId,
  patientName,
  balances,
  canHold,
}: {
  patientId: number;
  patientName: string;
  balances: AccountBalances;
  canHold: boolean;
}) {
  const { account } = useAccountHold(patientId);
  const [holding, setHolding] = useState(false);
  const plan = account?.payment_plan_id ? ' Statements also wait while the payment plan runs.' : '';
  return (
    <Group gap="sm" justify="flex-end" wrap="wrap">
      {account?.hold ? (
        <Alert color="orange" variant="light" py={6} icon={<IconPlayerPause size={18} />} role="status" style={{ flex: 1 }}>
          <Group gap="sm" justify="space-between" wrap="nowrap">
            <span>
              Statements on hold: {account.hold}
              {account.since ? ` (since ${formatDate(todayIso(new Date(account.since)))})` : ''}.{plan}
            </span>
            {canHold ? <LiftHold patientId={patientId} patientName={patientName} /> : null}
          </Group>
        </Alert>
      ) : account?.payment_plan_id ? (
        <Alert color="blue" variant="light" py={6} icon={<IconPlayerPause size={18} />} role="status" style={{ flex: 1 }}>
          Statements on hold while the payment plan runs.
        </Alert>
      ) : null}
      <DownloadButton
        path={statementCalls.patientPdfPath(patientId)}
        notice={nothingBillable}
        unavailable={balances.patient_cents - balances.credit_cents <= 0 ? NOTHING_OWED : null}
        done={(f) => `${f} downloaded: the statement as of today. The export is recorded in the audit trail.`}
      >
        Statement (PDF)
      </DownloadButton>
      {canHold && account && !account.hold ? (
        <Button variant="default" leftSection={<IconPlayerPause size={14} />} onClick={() => setHolding(true)}>
          Hold statements…
        </Button>
      ) : null}
      {holding ? <HoldDialog patientId={patientId} patientName={patientName} onClose={() => setHolding(false)} /> : null}
    </Group>
  );
}
