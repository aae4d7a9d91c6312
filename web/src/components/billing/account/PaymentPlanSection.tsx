// The payment plan on the Account tab. An active plan: its state, the installment and how
// often, the next installment due, what was paid since it began and what remains, what is
// behind (marked), every installment with what paid it, and the reminders (a skipped one says
// why, for the desk to call); the billing office may cancel it with a reason. A cancelled or
// paid-off plan is said in a sentence. Without a plan, the billing office sets one up. A
// dependent's plan is the family account's: its holder's, said so.
//
// The plan loads with the tab: an account that never had one answers 200 null (not a 404, so
// no failed load in the browser's console). It sits under the account's query key, so a
// posting that reloads the account reloads the plan too.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCalendarDollar, IconX } from '@tabler/icons-react';
import { holderOf, type FamilyAccount } from '../../../lib/family';
import { CURRENCY, formatDate, formatDateTime, formatMoney } from '../../../lib/format';
import {
  nextInstallment,
  PLAN_FREQUENCIES,
  planKey,
  planRemaining,
  useLedgerChanged,
  usePaymentPlan,
  type PaymentPlan,
  type PlanReminder,
} from '../../../lib/ledger';
import { INSTALLMENT_STATUS, PLAN_STATUS, REMINDER_STATUS } from '../../../lib/status';
import { QueryState } from '../../QueryState';
import { Section } from '../../Section';
import { StatusBadge } from '../../StatusBadge';
import { CancelPlanDialog } from './CancelPlanDialog';
import { HolderName } from './FamilyAccountSection';
import { PlanDialog } from './PlanDialog';

const SYMBOL = CURRENCY === 'USD' ? '$' : CURRENCY;
const money = (cents: number) => formatMoney(cents, { symbol: false });

function Figure({ label, value, hint, color }: { label: string; value: string; hint?: string; color?: string }) {
  const id = `plan-figure-${label.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <Paper p="xs" withBorder role="group" aria-label={label} data-testid={id} bg={color ? `${color.split('.')[0]}.0` : undefined}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} fz="lg" className="num" ta="left" c={color}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c={color ?? 'dimmed'}>
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** "$50.00 monthly from 05/01/2026, $150.00 in all" */
function terms(p: PaymentPlan): string {
  return `${formatMoney(p.installment_cents)} ${PLAN_FREQUENCIES[p.frequency]?.toLowerCase() ?? p.frequency} from ${formatDate(p.first_due)}, ${formatMoney(p.total_cents)} in all`;
}

/** A note as a sentence: its own full stop, or one added. */
const sentence = (text: string) => `${text}${/[.!?]$/.test(text) ? '' : '.'}`;

/** `open`: the installment it is about is not paid yet, so a skipped one is the desk's to call about. */
function ReminderRow({ r, open }: { r: PlanReminder; open: boolean }) {
  const retrying = r.status === 'pending' && r.attempts > 0;
  const st = retrying ? { label: 'Retrying', color: 'orange' } : (REMINDER_STATUS[r.status] ?? { label: r.status, color: 'gray' });
  const what = r.kind === 'late' ? `Late notice: the installment due ${formatDate(r.due)}` : `Reminder: the installment due ${formatDate(r.due)}`;
  const outcome = r.outcome && r.outcome !== 'sent' ? `${r.outcome.charAt(0).toUpperCase()}${r.outcome.slice(1)}` : null;
  const call = open && r.status === 'skipped' && /consent|address/.test(r.outcome ?? '');
  return (
    <Paper p={6} px="xs" data-testid="plan-reminder">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500}>
          {what}
        </Text>
        <Badge color={st.color} size="sm" className="status-badge">
          {st.label}
        </Badge>
      </Group>
      {r.status === 'sent' && r.sent_at ? (
        <Text size="xs" c="dimmed">
          E-mailed {formatDateTime(r.sent_at)}
        </Text>
      ) : null}
      {outcome ? (
        <Text size="xs" c={call || r.status === 'failed' ? 'orange.9' : undefined} fw={call ? 600 : undefined}>
          {outcome}
          {call ? ': call the patient about the installment.' : '.'}
        </Text>
      ) : null}
    </Paper>
  );
}

function Schedule({ plan }: { plan: PaymentPlan }) {
  const next = nextInstallment(plan);
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table aria-label="Payment plan schedule" verticalSpacing={4} withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th ta="right">Amount ({SYMBOL})</Table.Th>
            <Table.Th ta="right">Paid ({SYMBOL})</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.schedule.map((i, k) => (
            <Table.Tr key={i.due} data-testid="plan-installment" fw={i === next ? 600 : undefined} bg={i.status === 'late' ? 'red.0' : undefined}>
              <Table.Td className="num">{k + 1}</Table.Td>
              <Table.Td>
                {formatDate(i.due)}
                {i === next ? (
                  <Text span size="xs" c="dimmed" fw={400}>
                    {' '}
                    (next)
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {money(i.amount_cents)}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {money(i.paid_cents)}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={i.status} map={INSTALLMENT_STATUS} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ActivePlan({ plan }: { plan: PaymentPlan }) {
  const next = nextInstallment(plan);
  const behind = plan.behind_cents;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
        <Figure label="Installment" value={formatMoney(plan.installment_cents)} hint={PLAN_FREQUENCIES[plan.frequency] ?? plan.frequency} />
        <Figure
          label="Next due"
          value={next ? formatDate(next.due) : '—'}
          hint={next ? `${formatMoney(next.amount_cents - next.paid_cents)}${next.paid_cents ? ' still to pay' : ''}` : 'Nothing left to pay'}
        />
        <Figure label="Paid so far" value={formatMoney(plan.paid_cents)} hint="Since the plan began" />
        <Figure label="Remaining" value={formatMoney(planRemaining(plan))} hint={`Of ${formatMoney(plan.total_cents)}`} />
        <Figure
          label="Behind"
          value={formatMoney(behind)}
          color={behind > 0 ? 'red.8' : undefined}
          hint={behind > 0 ? `${formatMoney(plan.expected_to_date_cents)} was due by today` : 'Up to date'}
        />
      </SimpleGrid>
      {behind > 0 ? (
        <Alert color="red" variant="light" py={6} icon={<IconAlertTriangle size={18} />} role="status" data-testid="plan-behind">
          Behind by <b>{formatMoney(behind)}</b>: {formatMoney(plan.expected_to_date_cents)} was due by today and {formatMoney(plan.paid_cents)} has been paid since the plan
          began.
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed">
        {terms(plan)}. Payments taken at the desk pay the installments in order; statement runs leave the account alone while the plan is active.
        {plan.note ? ` Note: ${sentence(plan.note)}` : ''}
      </Text>
      <Schedule plan={plan} />
      <div>
        <Title order={3} size="h5" mb="xs">
          Reminders
        </Title>
        {plan.reminders.length ? (
          <Stack gap={6} data-testid="plan-reminders">
            {plan.reminders.map((r) => (
              <ReminderRow key={`${r.due}-${r.kind}`} r={r} open={plan.schedule.some((i) => i.due === r.due && i.paid_cents < i.amount_cents)} />
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            None yet. An e-mail goes out a few days before each installment, and a notice once one is a week late, to a patient who agreed to e-mail; otherwise the
            reminder is skipped and listed here, for the desk to call.
          </Text>
        )}
      </div>
    </Stack>
  );
}

/** A cancelled or paid-off plan, in a sentence. */
function EndedPlan({ plan }: { plan: PaymentPlan }) {
  return (
    <Text size="sm" data-testid="plan-ended">
      {plan.status === 'cancelled' ? 'The last plan was cancelled' : 'The last plan is paid off'}: {terms(plan)}; {formatMoney(plan.paid_cents)} paid.
      {plan.cancel_reason ? ` Why: ${sentence(plan.cancel_reason)}` : ''}
      {plan.note ? ` Note: ${sentence(plan.note)}` : ''}
    </Text>
  );
}

export function PaymentPlanSection({
  patientId,
  patientName,
  family,
  owes,
  canWrite,
}: {
  patientId: number;
  patientName: string;
  /** The family account the patient shares, if any: the plan is its holder's. */
  family: FamilyAccount | null;
  /** What the account owes now (the family's, in a family account). */
  owes: number;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const changed = useLedgerChanged();
  const holder = family ? holderOf(family) : undefined;
  const dependent = holder && holder.patient_id !== patientId ? holder : undefined;
  const accountName = dependent ? dependent.name : patientName;
  const q = usePaymentPlan(patientId);
  const [settingUp, setSettingUp] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const plan = q.data;
  const active = plan?.status === 'active' ? plan : null;

  /** The account's balances, holds and plan load again (every member's, in a family). */
  const reload = () => changed(family ? undefined : patientId);
  const created = (p: PaymentPlan) => {
    queryClient.setQueryData(planKey(patientId), p);
    reload();
  };
  const cancelled = (p: PaymentPlan | null) => {
    if (p) queryClient.setQueryData(planKey(patientId), p);
    reload();
  };

  // Offered once the plan is known: none, or the last one ended.
  const setUp =
    canWrite && q.isSuccess && !active ? (
      <Button variant="light" leftSection={<IconCalendarDollar size={16} />} onClick={() => setSettingUp(true)}>
        Set up payment plan
      </Button>
    ) : null;
  const right = (
    <Group gap="sm" wrap="wrap">
      {plan ? <StatusBadge status={plan.status} map={PLAN_STATUS} /> : null}
      {canWrite && active ? (
        <Button variant="outline" color="red.8" leftSection={<IconX size={16} />} onClick={() => setCancelling(true)}>
          Cancel plan…
        </Button>
      ) : null}
      {setUp}
    </Group>
  );

  return (
    <Section title="Payment plan" right={right}>
      <Stack gap="sm">
        {family && dependent ? (
          <Text size="sm" data-testid="plan-family-note">
            A payment plan is the family account’s: it belongs to <HolderName family={family} patientId={patientId} />, the account holder, and covers what the whole
            family owes.
          </Text>
        ) : null}
        {q.isLoading ? (
          <Skeleton h={60} />
        ) : q.isError ? (
          <QueryState error={q.error} retry={() => void q.refetch()} />
        ) : active ? (
          <ActivePlan plan={active} />
        ) : plan ? (
          <EndedPlan plan={plan} />
        ) : (
          <Stack gap={4}>
            <Text size="sm" data-testid="plan-none">
              No payment plan: {dependent ? 'the family account has' : 'this account has'} never had one.
            </Text>
            <Text size="sm" c="dimmed">
              A plan spreads what the account owes over installments; while it is active, statement runs leave the account alone.
            </Text>
          </Stack>
        )}
      </Stack>
      {settingUp ? (
        <PlanDialog
          patientId={dependent ? dependent.patient_id : patientId}
          patientName={patientName}
          owes={owes}
          holderName={dependent?.name}
          onDone={created}
          onConflict={() => void queryClient.invalidateQueries({ queryKey: planKey(patientId) })}
          onClose={() => setSettingUp(false)}
        />
      ) : null}
      {cancelling && active ? <CancelPlanDialog plan={active} accountName={accountName} onDone={cancelled} onClose={() => setCancelling(false)} /> : null}
    </Section>
  );
}
