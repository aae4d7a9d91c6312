// Recording the payer's capitation payment for a month (or a take-back): amount, how it came,
// its reference and the day it was received and, optionally, the payer's member detail (a CSV
// of what each member was paid) to reconcile member by member. Says before posting where the
// month will stand. The dialog carries one Idempotency-Key from opening to closing, so a
// double click or a retry after a lost answer posts the payment once.
import { useState } from 'react';
import { Input, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiError, errorMessage } from '../../../lib/api';
import { inputToCents } from '../../../lib/billing';
import { CAP_METHODS, capitationCalls, RECON_STATUS, useCapitationChanged, type CapitationContract, type CapMethod, type Reconciliation } from '../../../lib/capitation';
import { DATE_INPUT_PROPS, formatCount, formatMoney, formatMonth, todayIso } from '../../../lib/format';
import { serverMessage } from '../../../lib/forms';
import { newIdempotencyKey } from '../../../lib/ledger';
import { FormDialog } from '../../../components/Dialogs';
import { MoneyInput } from '../../../components/MoneyInput';
import { MemberFileInput, MemberFileSummary, type ReadFile } from './MemberFileInput';
import { rowsTotal } from './memberFile';

type Kind = 'payment' | 'takeback';

interface Values {
  kind: Kind;
  amount: number | string;
  method: CapMethod;
  reference: string;
  receivedOn: string | null;
}

/** The server's field names, as this form's ("members" and "members[3]" are the detail file's). */
const FIELDS: Record<string, keyof Values> = { amount_cents: 'amount', method: 'method', reference: 'reference', received_on: 'receivedOn' };
const LABELS: Record<string, string> = { amount_cents: 'The amount', method: 'The method', reference: 'The reference', received_on: 'The date received' };

/** "After this payment: $110.00 paid of $145.00 expected, $35.00 short (underpaid)." */
function outlook(recon: Reconciliation | undefined, cents: number | null): string | null {
  if (!recon || !cents) return null;
  const paid = recon.paid_cents + cents;
  const diff = paid - recon.expected_cents;
  const status = !recon.members ? null : paid === recon.expected_cents ? 'reconciled' : paid < recon.expected_cents ? 'underpaid' : 'overpaid';
  const where = !recon.members
    ? 'there is no roster for the month yet, so nothing is expected'
    : diff === 0
      ? `${formatMoney(paid)} paid of ${formatMoney(recon.expected_cents)} expected: ${RECON_STATUS.reconciled.label.toLowerCase()}`
      : `${formatMoney(paid)} paid of ${formatMoney(recon.expected_cents)} expected, ${formatMoney(Math.abs(diff))} ${diff < 0 ? 'short' : 'over'} (${RECON_STATUS[status!].label.toLowerCase()})`;
  return `After this ${cents < 0 ? 'take-back' : 'payment'}: ${where}.`;
}

export function CapPaymentDialog({
  contract,
  month,
  recon,
  onClose,
}: {
  contract: CapitationContract;
  month: string;
  recon: Reconciliation | undefined;
  onClose: () => void;
}) {
  const [key] = useState(newIdempotencyKey);
  const changed = useCapitationChanged();
  const [error, setError] = useState<string | null>(null);
  const [detail, setDetail] = useState<ReadFile | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { kind: 'payment', amount: '', method: 'eft', reference: '', receivedOn: todayIso() },
    validateInputOnBlur: true,
    validate: {
      amount: (v) => ((inputToCents(v) ?? 0) > 0 ? null : 'Enter the amount received'),
      reference: (v) => (v.trim().length > 80 ? 'At most 80 characters' : null),
      receivedOn: (v) => (!v ? 'Enter the day it was received' : String(v) > todayIso() ? 'A payment cannot be received in the future' : null),
    },
  });
  const sign = form.values.kind === 'takeback' ? -1 : 1;
  const cents = inputToCents(form.values.amount);
  const signed = cents ? sign * cents : null;
  const onRead = (f: ReadFile | null) => {
    setDetail(f);
    setDetailError(null);
    // The detail's total is the amount, unless one is typed already.
    if (f && form.values.amount === '') {
      const total = rowsTotal(f.file.rows);
      if (total) form.setValues({ amount: Math.abs(total) / 100, kind: total < 0 ? 'takeback' : 'payment' });
    }
  };
  const submit = form.onSubmit(async (v) => {
    setError(null);
    setDetailError(null);
    try {
      const reference = v.reference.trim();
      const members = detail?.file.rows.map((r) => ({ member_id: r.member_id, amount_cents: r.cents ?? 0 }));
      const r = await capitationCalls.pay(
        {
          contract_id: contract.id,
          month,
          amount_cents: signed!,
          method: v.method,
          received_on: String(v.receivedOn),
          ...(reference ? { reference } : {}),
          ...(members?.length ? { members } : {}),
        },
        key,
      );
      changed(r);
      notifications.show({
        color: r.status === 'reconciled' ? 'teal' : 'yellow',
        title: r.duplicate ? 'This payment was already recorded' : `${signed! < 0 ? 'Take-back' : 'Payment'} of ${formatMoney(Math.abs(signed!))} recorded`,
        message: `${contract.name}, ${formatMonth(month)}: ${RECON_STATUS[r.status].label.toLowerCase()}, ${formatMoney(r.paid_cents)} paid of ${formatMoney(
          r.expected_cents,
        )} expected.`,
      });
      onClose();
    } catch (e) {
      // The server's field errors go under their fields (a detail row's under the file); anything else above the form.
      const fields = e instanceof ApiError ? e.fieldErrors : [];
      const mine = fields.filter((fe) => FIELDS[fe.field]);
      form.setErrors(Object.fromEntries(mine.map((fe) => [FIELDS[fe.field], serverMessage(fe, LABELS)])));
      const rows = fields.filter((fe) => /^members/.test(fe.field));
      if (rows.length) {
        const i = Number(/\[(\d+)\]/.exec(rows[0].field)?.[1] ?? -1);
        const row = detail?.file.rows[i];
        setDetailError(row ? `Line ${row.line} (${row.member_id}): ${rows[0].message.replace(/^member_id/, 'the member ID')}` : rows[0].message);
      }
      if (!fields.length || mine.length + rows.length < fields.length) setError(errorMessage(e));
    }
  });
  const total = detail ? rowsTotal(detail.file.rows) : 0;
  const said = outlook(recon, signed);
  return (
    <FormDialog
      title={`Record a capitation payment: ${formatMonth(month)}`}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={form.values.kind === 'takeback' ? 'Record take-back' : 'Record payment'}
      submitting={form.submitting}
    >
      <Stack gap="sm">
        <Text size="sm">
          What {contract.name} paid for its members’ {formatMonth(month)}.
          {recon?.members ? ` The roster expects ${formatMoney(recon.expected_cents)}; ${formatMoney(recon.paid_cents)} is recorded so far.` : ''}
        </Text>
        <SegmentedControl
          aria-label="Payment or take-back"
          data={[
            { value: 'payment', label: 'Payment' },
            { value: 'takeback', label: 'Take-back by the payer' },
          ]}
          {...form.getInputProps('kind')}
        />
        <Input.Wrapper label="Method" required>
          <SegmentedControl fullWidth aria-label="Method" data={Object.entries(CAP_METHODS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('method')} />
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <MoneyInput label={form.values.kind === 'takeback' ? 'Amount taken back' : 'Amount'} required data-autofocus {...form.getInputProps('amount')} />
          <TextInput
            label="Reference"
            description={form.values.method === 'check' ? 'Check number' : 'Transfer or remittance reference'}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            maxLength={80}
            classNames={{ input: 'mono' }}
            {...form.getInputProps('reference')}
          />
          <DateInput label="Received on" required {...DATE_INPUT_PROPS} maxDate={todayIso()} popoverProps={{ withinPortal: true }} {...form.getInputProps('receivedOn')} />
        </SimpleGrid>
        <MemberFileInput
          kind="payment"
          label="Member detail (optional)"
          description="The payer’s CSV of what each member was paid: Member ID and Amount columns. Without it the month is reconciled in total only."
          error={detailError}
          onRead={onRead}
        />
        {detail ? (
          <MemberFileSummary read={detail}>
            <b>
              {formatCount(detail.file.rows.length)} {detail.file.rows.length === 1 ? 'member' : 'members'}
            </b>{' '}
            read from {detail.name}, totalling <b>{formatMoney(total)}</b>
            {signed !== null && total !== signed ? ` (the payment is ${formatMoney(signed)}: the difference is not on any member)` : ''}.
          </MemberFileSummary>
        ) : null}
        <Text size="sm" mih={20} aria-live="polite" data-testid="payment-outlook">
          {said}
        </Text>
      </Stack>
    </FormDialog>
  );
}
