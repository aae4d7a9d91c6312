// One capitation contract, a month at a time (the month in the address; this month unless
// chosen): how the month stands against the roster, where the payer's member detail disagrees
// with it, the payments received (each reversible), and the roster itself with the patients
// its members are. The payer's roster and payments come in from here.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconCash, IconPencil, IconUpload } from '@tabler/icons-react';
import { usePayersAll } from '../../lib/billing';
import { carveOutsText, clampMonth, MONTH_RE, thisMonth, useContract, useReconciliation } from '../../lib/capitation';
import { formatDate, formatMoney } from '../../lib/format';
import { useUrlParams } from '../../lib/params';
import { useSession } from '../../lib/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryState, RecordState } from '../../components/QueryState';
import { Section } from '../../components/Section';
import { CapPaymentDialog } from './capitation/CapPaymentDialog';
import { ContractDialog } from './capitation/ContractDialog';
import { GatedButton } from './capitation/GatedButton';
import { hasDifferences, MemberDifferences } from './capitation/MemberDifferences';
import { MonthNav } from './capitation/MonthNav';
import { PaymentsTable } from './capitation/PaymentsTable';
import { ReconSummary } from './capitation/ReconSummary';
import { RosterTable, useRoster } from './capitation/RosterTable';
import { RosterUploadDialog } from './capitation/RosterUploadDialog';

const NO_WRITE = 'Your role cannot post to billing (claims and payments); ask a biller.';

export function CapitationContractPage() {
  const { id = '' } = useParams();
  const contractId = Number(id) || 0;
  const session = useSession();
  const canWrite = session.can('claim.write');
  const [params, set] = useUrlParams();
  const q = useContract(contractId);
  const payers = usePayersAll();
  const [open, setOpen] = useState<'roster' | 'payment' | 'edit' | null>(null);
  const c = q.data;
  const asked = params.get('month') ?? '';
  const month = c ? clampMonth(MONTH_RE.test(asked) ? asked : thisMonth(), c) : null;
  const recon = useReconciliation(contractId, month);
  const roster = useRoster(contractId, month);
  if (!c || !month) return <RecordState query={q} />;
  const payer = (payers.data ?? []).find((p) => p.id === c.payer_id)?.name ?? '';
  const names = new Map(roster.items.filter((m) => m.patient_id).map((m) => [m.patient_id!, m.patient_name ?? '']));
  const r = recon.data;
  return (
    <>
      <Anchor component={Link} to="/billing/ar/capitation" size="sm">
        ← Capitation
      </Anchor>
      <PageHeader
        title={c.name}
        description={
          <>
            {payer} · <b>{formatMoney(c.pmpm_cents)}</b> per member per month · {formatDate(c.effective_from)} to{' '}
            {c.effective_to ? formatDate(c.effective_to) : 'open-ended'} · Carved out: <span className="mono">{carveOutsText(c.carve_outs)}</span>
          </>
        }
        actions={
          <GatedButton
            variant="default"
            leftSection={<IconPencil size={16} />}
            allowed={session.can('billing.setup')}
            reason="Your role cannot set up billing; ask a practice manager to change the contract."
            onClick={() => setOpen('edit')}
          >
            Edit contract
          </GatedButton>
        }
      />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <MonthNav contract={c} month={month} onChange={(m) => set({ month: m })} />
          <Group gap="sm">
            <GatedButton allowed={canWrite} reason={NO_WRITE} variant="default" leftSection={<IconUpload size={16} />} onClick={() => setOpen('roster')}>
              Upload roster
            </GatedButton>
            <GatedButton allowed={canWrite} reason={NO_WRITE} leftSection={<IconCash size={16} />} onClick={() => setOpen('payment')}>
              Record payment
            </GatedButton>
          </Group>
        </Group>
        {recon.isError ? <QueryState error={recon.error} retry={() => void recon.refetch()} /> : null}
        {r ? (
          <>
            <ReconSummary recon={r} dimmed={r.month !== month} />
            {hasDifferences(r) ? (
              <Section title="Member differences">
                <MemberDifferences recon={r} names={names} />
              </Section>
            ) : null}
            <Section title="Payments">
              <PaymentsTable payments={r.payments} month={month} canWrite={canWrite} />
            </Section>
          </>
        ) : (
          <QueryState isLoading={recon.isLoading} />
        )}
        <Section
          title="Roster"
          right={
            <Text size="sm" c="dimmed">
              Matched to patients by the member ID on their coverage with {payer || 'the payer'}
            </Text>
          }
        >
          <RosterTable list={roster} />
        </Section>
      </Stack>
      {open === 'roster' ? <RosterUploadDialog contract={c} month={month} current={r} onClose={() => setOpen(null)} /> : null}
      {open === 'payment' ? <CapPaymentDialog contract={c} month={month} recon={r} onClose={() => setOpen(null)} /> : null}
      {open === 'edit' ? <ContractDialog contract={c} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
