// The Account tab of a patient: the balances, "Take payment" for whoever collects at the
// desk, the statement (and, for the billing office, holding statements), and every entry
// with the running balance; the billing office may reverse postings.
import { useState } from 'react';
import { Button, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { usePatientAccount } from '../../../lib/ledger';
import { useSession } from '../../../lib/session';
import type { AccountEntry } from '../../../lib/types';
import { QueryState } from '../../QueryState';
import { AccountBalances } from './AccountBalances';
import { AccountStatements } from './AccountStatements';
import { AccountEntries } from './AccountEntries';
import { PaymentDialog } from './PaymentDialog';
import { ReverseDialog } from './ReverseDialog';

export function PatientAccount({ patientId, patientName, canPay }: { patientId: number; patientName: string; canPay: boolean }) {
  const session = useSession();
  const q = usePatientAccount(patientId);
  const [paying, setPaying] = useState(false);
  const [reversing, setReversing] = useState<AccountEntry | null>(null);
  if (q.isLoading) return <Skeleton h={120} />;
  if (!q.data) return <QueryState error={q.error ?? new Error('Not found')} retry={() => void q.refetch()} />;
  const a = q.data;
  return (
    <Stack gap="md">
      <AccountBalances
        balances={a.balances}
        action={
          canPay ? (
            <Button size="md" leftSection={<IconCash size={18} />} onClick={() => setPaying(true)}>
              Take payment
            </Button>
          ) : null
        }
      />
      <AccountStatements patientId={patientId} patientName={patientName} balances={a.balances} canHold={session.can('claim.write')} />
      <Paper p="md">
        <Text size="sm" c="dimmed" mb="sm">
          Every charge, payment and adjustment of this patient's visits, oldest first. A minus lowers what is owed (or the credit); the balance is what
          the patient owed after each entry.
        </Text>
        <AccountEntries entries={a.entries} canReverse={session.can('claim.write')} claimLinks={session.can('billing.read')} onReverse={setReversing} />
      </Paper>
      {paying ? <PaymentDialog patientId={patientId} patientName={patientName} patientOwes={a.balances.patient_cents} onClose={() => setPaying(false)} /> : null}
      {reversing ? <ReverseDialog entry={reversing} patientId={patientId} onClose={() => setReversing(null)} /> : null}
    </Stack>
  );
}
