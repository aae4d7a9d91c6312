// Setting up a payment plan: the installment, the first due date, how often, and optionally
// the total (else what the account owes now) and a note. It says what the plan comes to before
// it is saved; the server's objections stand under their fields (an installment too small to
// finish in 120 installments, a patient who owes nothing), an active plan already there above.
// A dependent's plan is the family account's, set up for its holder.
import { useState } from 'react';
import { Input, SegmentedControl, SimpleGrid, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiError, errorMessage, type FieldError } from '../../../lib/api';
import { inputToCents } from '../../../lib/billing';
import { DATE_INPUT_PROPS, formatDate, formatMoney } from '../../../lib/format';
import { serverMessage } from '../../../lib/forms';
import { PLAN_FREQUENCIES, planCalls, type PaymentPlan, type PlanFrequency } from '../../../lib/ledger';
import { FormDialog } from '../../Dialogs';
import { MoneyInput } from '../../MoneyInput';

interface Values {
  installment: number | string;
  firstDue: string | null;
  frequency: PlanFrequency;
  total: number | string;
  note: string;
}

/** The server's field names, as this form's. */
const FIELDS: Record<string, keyof Values> = { installment_cents: 'installment', first_due: 'firstDue', frequency: 'frequency', total_cents: 'total', note: 'note' };
const LABELS: Record<string, string> = { installment_cents: 'The installment', first_due: 'The first due date', frequency: 'How often', total_cents: 'The total', note: 'The note' };

/** A server message under its field: "the patient owes nothing ..." reads as it is, others after the field's name. */
function fieldMessage(fe: FieldError): string {
  const m = fe.message.trim();
  return /^the /.test(m) ? `${m.charAt(0).toUpperCase()}${m.slice(1)}.` : `${serverMessage(fe, LABELS)}.`;
}

/** "3 installments: 2 of $50.00 and a last one of $20.00." */
export function planPreview(total: number | null, installment: number | null): string | null {
  if (!total || total <= 0 || !installment || installment <= 0) return null;
  const n = Math.ceil(total / installment);
  const last = total - (n - 1) * installment;
  if (n === 1) return `One installment of ${formatMoney(total)}.`;
  if (last === installment) return `${n} installments of ${formatMoney(installment)}.`;
  return `${n} installments: ${n - 1} of ${formatMoney(installment)} and a last one of ${formatMoney(last)}.`;
}

export function PlanDialog({
  patientId,
  patientName,
  owes,
  holderName,
  onDone,
  onConflict,
  onClose,
}: {
  patientId: number;
  patientName: string;
  /** What the account owes now: the total when none is given. */
  owes: number;
  /** The holder of the family account when the patient is a dependent: the plan is theirs. */
  holderName?: string;
  /** After the server took the plan (its answer). */
  onDone: (plan: PaymentPlan) => void;
  /** The account has an active plan already: show it. */
  onConflict: () => void;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { installment: '', firstDue: null, frequency: 'monthly', total: '', note: '' },
    validateInputOnBlur: true,
    validate: {
      installment: (v) => ((inputToCents(v) ?? 0) > 0 ? null : 'Enter the amount of each installment'),
      firstDue: (v) => (!v ? 'Enter the day the first installment is due' : null),
      total: (v) => (v === '' || (inputToCents(v) ?? 0) > 0 ? null : 'Enter an amount, or leave it blank for what is owed now'),
      note: (v) => (v.trim().length > 500 ? 'At most 500 characters' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    const total = inputToCents(v.total);
    const note = v.note.trim();
    try {
      const plan = await planCalls.create({
        patient_id: patientId,
        installment_cents: inputToCents(v.installment)!,
        first_due: String(v.firstDue),
        frequency: v.frequency,
        ...(total ? { total_cents: total } : {}),
        ...(note ? { note } : {}),
      });
      notifications.show({
        color: 'teal',
        title: 'Payment plan set up',
        message: `${holderName ?? patientName}: ${formatMoney(plan.total_cents)} in installments of ${formatMoney(plan.installment_cents)}, ${PLAN_FREQUENCIES[plan.frequency].toLowerCase()} from ${formatDate(plan.first_due)}. Statements are on hold while it runs.`,
      });
      onDone(plan);
      onClose();
    } catch (e) {
      // The server's field errors go under their fields; anything else above the form.
      const fields = e instanceof ApiError ? e.fieldErrors : [];
      const mine = fields.filter((fe) => FIELDS[fe.field]);
      form.setErrors(Object.fromEntries(mine.map((fe) => [FIELDS[fe.field], fieldMessage(fe)])));
      if (mine.length) window.setTimeout(() => document.querySelector<HTMLElement>(`[data-path="${FIELDS[mine[0].field]}"]`)?.focus(), 0);
      if (e instanceof ApiError && e.status === 409) onConflict();
      if (!mine.length || mine.length < fields.length) {
        const said = errorMessage(e);
        setError(`${said.charAt(0).toUpperCase()}${said.slice(1)}.`.replace(/\.\.$/, '.'));
      }
    }
  });
  const totalCents = inputToCents(form.values.total) ?? owes;
  const said = planPreview(totalCents, inputToCents(form.values.installment));
  return (
    <FormDialog title={`Set up a payment plan: ${holderName ?? patientName}`} error={error} onClose={onClose} onSubmit={submit} submitLabel="Set up plan" submitting={form.submitting}>
      {holderName ? (
        <Text size="sm">
          {patientName} belongs to the family account held by <b>{holderName}</b>: the plan is the account’s, and pays down what the whole family owes (
          <b>{formatMoney(owes)}</b> now).
        </Text>
      ) : (
        <Text size="sm">
          The patient owes <b>{formatMoney(owes)}</b>. Installments are paid at the desk like any payment; while the plan is active, statement runs leave the
          account alone.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MoneyInput label="Installment" required data-autofocus {...form.getInputProps('installment')} />
        <DateInput label="First due" required {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('firstDue')} />
      </SimpleGrid>
      <Input.Wrapper label="How often" required error={form.errors.frequency}>
        <SegmentedControl
          fullWidth
          aria-label="How often"
          data={Object.entries(PLAN_FREQUENCIES).map(([value, label]) => ({ value, label }))}
          value={form.values.frequency}
          onChange={(f) => form.setFieldValue('frequency', f as PlanFrequency)}
        />
      </Input.Wrapper>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MoneyInput
          label="Total"
          description={`Blank: what is owed now, ${formatMoney(owes)}`}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('total')}
        />
        <Textarea label="Note" description="e.g. “agreed by phone”" inputWrapperOrder={['label', 'input', 'description', 'error']} maxLength={500} autosize minRows={1} {...form.getInputProps('note')} />
      </SimpleGrid>
      <Text size="sm" mih={20} aria-live="polite" data-testid="plan-preview">
        {said}
      </Text>
    </FormDialog>
  );
}
