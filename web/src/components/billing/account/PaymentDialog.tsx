// Taking a payment at the desk: amount, how it was paid, its reference and the day it was
// received (today unless it came earlier, a check in the mail, say). It pays the
// patient's oldest balances first (a family account's: any member's) and keeps the rest as
// credit (said before posting and in the notification after). The dialog carries one Idempotency-Key from opening to closing,
// so a double click or a retry after a lost answer posts the payment once.
import { useState } from 'react';
import { Input, SegmentedControl, SimpleGrid, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiError, errorMessage } from '../../../lib/api';
import { inputToCents } from '../../../lib/billing';
import { DATE_INPUT_PROPS, formatMoney, todayIso } from '../../../lib/format';
import { serverMessage } from '../../../lib/forms';
import { ledgerCalls, newIdempotencyKey, PATIENT_PAYMENT_METHODS, paymentSplit, useLedgerChanged } from '../../../lib/ledger';
import type { PaymentMethod } from '../../../lib/types';
import { FormDialog } from '../../Dialogs';
import { MoneyInput } from '../../MoneyInput';

interface Values {
  amount: number | string;
  method: PaymentMethod;
  reference: string;
  receivedOn: string | null;
}

/** The server's field names, as this form's. */
const FIELDS: Record<string, keyof Values> = { amount_cents: 'amount', method: 'method', reference: 'reference', received_on: 'receivedOn' };
const LABELS: Record<string, string> = { amount_cents: 'The amount', method: 'The method', reference: 'The reference', received_on: 'The date received' };

const REFERENCE_HINT: Record<PaymentMethod, string> = {
  card: 'Authorisation code or last four digits',
  cash: 'Receipt number, if any',
  check: 'Check number',
  eft: 'Transfer reference',
  other: 'What it was',
};

/** "Pays $10.00 of the $10.00 owed; $15.00 is kept as credit." */
function preview(amount: number | null, owed: number): string | null {
  if (!amount || amount <= 0) return null;
  const applied = Math.min(amount, Math.max(owed, 0));
  const credit = amount - applied;
  if (!applied) return `Nothing is owed now: all ${formatMoney(amount)} is kept as credit for the next visit.`;
  return credit ? `Pays the ${formatMoney(applied)} owed; ${formatMoney(credit)} is kept as credit.` : `Pays ${formatMoney(applied)} of the ${formatMoney(owed)} owed.`;
}

export function PaymentDialog({
  patientId,
  patientName,
  patientOwes,
  familyHolder,
  onClose,
}: {
  patientId: number;
  patientName: string;
  /** What the patient (or, in a family account, the family) owes. */
  patientOwes: number;
  /** The holder of the family account the patient belongs to, if they share one. */
  familyHolder?: string;
  onClose: () => void;
}) {
  const [key] = useState(newIdempotencyKey);
  const changed = useLedgerChanged();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { amount: '', method: 'card', reference: '', receivedOn: todayIso() },
    validateInputOnBlur: true,
    validate: {
      amount: (v) => ((inputToCents(v) ?? 0) > 0 ? null : 'Enter the amount received'),
      reference: (v) => (v.trim().length > 60 ? 'At most 60 characters' : null),
      receivedOn: (v) => (!v ? 'Enter the day the payment was received' : String(v) > todayIso() ? 'A payment cannot be received in the future' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const reference = v.reference.trim();
      const entry = await ledgerCalls.pay({ patient_id: patientId, amount_cents: inputToCents(v.amount)!, method: v.method, received_on: String(v.receivedOn), ...(reference ? { reference } : {}) }, key);
      const { applied, credit } = paymentSplit(entry);
      const parts = [applied ? `${formatMoney(applied)} paid ${familyHolder ? "the family's balances" : 'the balance'}` : null, credit ? `${formatMoney(credit)} kept as credit` : null].filter(Boolean);
      notifications.show({
        color: 'teal',
        title: entry.duplicate ? 'This payment was already posted' : `Payment of ${formatMoney(applied + credit)} posted`,
        message: `${patientName}: ${parts.join('; ')}.`,
      });
      // A family's payment moves every member's balances.
      changed(familyHolder ? undefined : patientId);
      onClose();
    } catch (e) {
      // The server's field errors go under their fields; anything else above the form.
      const fields = e instanceof ApiError ? e.fieldErrors : [];
      const mine = fields.filter((fe) => FIELDS[fe.field]);
      form.setErrors(Object.fromEntries(mine.map((fe) => [FIELDS[fe.field], serverMessage(fe, LABELS)])));
      if (!mine.length || mine.length < fields.length) setError(errorMessage(e));
    }
  });
  const said = preview(inputToCents(form.values.amount), patientOwes);
  return (
    <FormDialog title={`Take a payment: ${patientName}`} error={error} onClose={onClose} onSubmit={submit} submitLabel="Post payment" submitting={form.submitting}>
      {familyHolder ? (
        <Text size="sm">
          The family account held by {familyHolder} owes <b>{formatMoney(patientOwes)}</b>. A payment pays the family's oldest balances first,
          whoever's visit they are; anything more is kept as the family's credit.
        </Text>
      ) : (
        <Text size="sm">
          The patient owes <b>{formatMoney(patientOwes)}</b>. A payment pays the oldest balances first; anything more is kept as credit.
        </Text>
      )}
      <Input.Wrapper label="Method" required>
        <SegmentedControl
          fullWidth
          aria-label="Method"
          data={Object.entries(PATIENT_PAYMENT_METHODS).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('method')}
        />
      </Input.Wrapper>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <MoneyInput label="Amount" required data-autofocus {...form.getInputProps('amount')} />
        <TextInput
          label="Reference"
          description={REFERENCE_HINT[form.values.method]}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          maxLength={60}
          classNames={{ input: 'mono' }}
          {...form.getInputProps('reference')}
        />
        <DateInput label="Received on" required {...DATE_INPUT_PROPS} maxDate={todayIso()} popoverProps={{ withinPortal: true }} {...form.getInputProps('receivedOn')} />
      </SimpleGrid>
      <Text size="sm" mih={20} aria-live="polite" data-testid="payment-preview">
        {said}
      </Text>
    </FormDialog>
  );
}
