// The Account tab of a patient: the balances, "Take payment" for whoever collects at the
// desk, the family account when the patient shares one (payments go to the family's oldest
// balances; the statement and holds are the holder's), the statement (and, for the billing
// office, holding statements), and every entry with the running balance; the billing office
// may reverse postings.
import { useState } from 'react';
import { Button, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { holderOf, isFamily, useFamilyAccount } from '../../../lib/family';
import { usePatientAccount } from '../../../lib/ledger';
import { useSession } from '../../../lib/session';
import type { AccountEntry } from '../../../lib/types';
import { QueryState } from '../../QueryState';
import { AccountBalances } from './AccountBalances';
import { AccountStatements } from './AccountStatements';
import { AccountEntries } from './AccountEntries';
import { FamilyAccountSection, HolderName } from './FamilyAccountSection';
import { PaymentDialog } from './PaymentDialog';
import { PaymentPlanSection } from './PaymentPlanSection';
import { ReverseDialog } from './ReverseDialog';

export function PatientAccount({ patientId, patientName, canPay }: { patientId: number; patientName: string; canPay: boolean }) {
  const session = useSession();
  const q = usePatientAccount(patientId);
  const f = useFamilyAccount(patientId);
  const [paying, setPaying] = useState(false);
  const [reversing, setReversing] = useState<AccountEntry | null>(null);
  if (q.isLoading || f.isLoading) return <Skeleton h={120} />;
  if (!q.data) return <QueryState error={q.error ?? new Error('Not found')} retry={() => void q.refetch()} />;
  const a = q.data;
  const family = isFamily(f.data) ? f.data : null;
  const holder = family ? holderOf(family) : undefined;
  // A dependent's statement and holds are the holder's: they act on the holder's account.
  const dependent = holder && holder.patient_id !== patientId ? holder : undefined;
  const canHold = session.can('claim.write');
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
      {family ? <FamilyAccountSection family={family} patientId={patientId} /> : null}
      {family && dependent ? (
        <Text size="sm" ta="right" data-testid="family-actions-note">
          {canHold ? 'The statement and statement holds act' : 'The statement acts'} on the family account held by{' '}
          <HolderName family={family} patientId={patientId} />.
        </Text>
      ) : null}
      <AccountStatements
        patientId={dependent ? dependent.patient_id : patientId}
        patientName={dependent ? dependent.name : patientName}
        balances={family ? family.balances : a.balances}
        canHold={canHold}
      />
      <PaymentPlanSection
        patientId={patientId}
        patientName={patientName}
        family={family}
        owes={family ? family.balances.patient_cents : a.balances.patient_cents}
        canWrite={session.can('claim.write')}
      />
      <Paper p="md">
        <Text size="sm" c="dimmed" mb="sm">
          Every charge, payment and adjustment of this patient's visits, oldest first. A minus lowers what is owed (or the credit); the balance is what
          the patient owed after each entry.
        </Text>
        <AccountEntries entries={a.entries} canReverse={session.can('claim.write')} claimLinks={session.can('billing.read')} onReverse={setReversing} />
      </Paper>
      {paying ? (
        <PaymentDialog
          patientId={patientId}
          patientName={patientName}
          patientOwes={family ? family.balances.patient_cents : a.balances.patient_cents}
          familyHolder={holder?.name}
          onClose={() => setPaying(false)}
        />
      ) : null}
      {reversing ? <ReverseDialog entry={reversing} patientId={patientId} onClose={() => setReversing(null)} /> : null}
    </Stack>
  );
}
