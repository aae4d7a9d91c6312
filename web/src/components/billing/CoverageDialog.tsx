// Adding or changing a patient's insurance: payer, order, who the subscriber is (their
// details unless the patient is), member and group numbers, dates, copay, coinsurance and
// deductible, eligibility as last checked, the insured's signatures on file, and why
// Medicare is not primary when it pays second.
import { NumberInput, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { centsToInput, inputToCents, PRIORITIES, RELATIONSHIPS, usePayersAll } from '../../lib/billing';
import { DATE_INPUT_PROPS, formatDateTime, SEX_AT_BIRTH_LABELS } from '../../lib/format';
import { blankToNull, endNotBefore, nullToBlank } from '../../lib/forms';
import { useRecordSubmit } from '../../lib/records';
import { ELIGIBILITY_STATUS } from '../../lib/status';
import type { Coverage, Eligibility, Relationship } from '../../lib/types';
import { FormDialog } from '../Dialogs';
import { MoneyInput } from '../MoneyInput';

interface Values {
  patient_id: number;
  payer_id: string | null;
  priority: string;
  relationship: Relationship;
  subscriber: { family_name: string; given_name: string; birth_date: string | null; sex: string | null };
  member_id: string;
  group_number: string;
  plan_name: string;
  effective_from: string | null;
  effective_to: string | null;
  copay: number | string;
  /** Percent (20 for 20%). */
  coinsurance: number | string;
  deductible: number | string;
  deductible_met: number | string;
  eligibility: Eligibility;
  eligibility_checked_at: string | null;
  benefits_assigned: boolean;
  release_of_information: 'Y' | 'I';
  medicare_secondary_type: string | null;
  active: boolean;
}

/** SBR05: why another payer pays before Medicare. */
const MSP_TYPES: Record<string, string> = {
  '12': 'Working aged: employer group plan',
  '13': 'End-stage renal disease, coordination period',
  '14': 'No-fault insurance, including auto',
  '15': "Workers' compensation",
  '16': 'Public health service or other federal agency',
  '41': 'Black lung',
  '42': 'Veterans Administration',
  '43': 'Disabled: large group health plan',
  '47': 'Other liability insurance',
};

const toValues = (c: Coverage | null, patientId: number, priority = 1): Values => ({
  patient_id: patientId,
  payer_id: c ? String(c.payer_id) : null,
  priority: String(c?.priority ?? priority),
  relationship: c?.relationship ?? 'self',
  subscriber: {
    family_name: nullToBlank(c?.subscriber.family_name),
    given_name: nullToBlank(c?.subscriber.given_name),
    birth_date: c?.subscriber.birth_date ?? null,
    sex: c?.subscriber.sex ?? null,
  },
  member_id: nullToBlank(c?.member_id),
  group_number: nullToBlank(c?.group_number),
  plan_name: nullToBlank(c?.plan_name),
  effective_from: c?.effective_from ?? null,
  effective_to: c?.effective_to ?? null,
  copay: centsToInput(c?.copay_cents),
  coinsurance: c?.coinsurance_bp === null || c?.coinsurance_bp === undefined ? '' : c.coinsurance_bp / 100,
  deductible: centsToInput(c?.deductible_cents),
  deductible_met: centsToInput(c?.deductible_met_cents),
  eligibility: c?.eligibility ?? 'unknown',
  eligibility_checked_at: c?.eligibility_checked_at ?? null,
  benefits_assigned: c ? c.benefits_assigned : true,
  release_of_information: c?.release_of_information ?? 'Y',
  medicare_secondary_type: c?.medicare_secondary_type ?? null,
  active: c ? c.active : true,
});

const toBody = (v: Values) => {
  const self = v.relationship === 'self';
  return {
    patient_id: v.patient_id,
    payer_id: Number(v.payer_id),
    priority: Number(v.priority),
    relationship: v.relationship,
    subscriber: {
      family_name: self ? null : blankToNull(v.subscriber.family_name),
      given_name: self ? null : blankToNull(v.subscriber.given_name),
      birth_date: self ? null : v.subscriber.birth_date || null,
      sex: self ? null : v.subscriber.sex || null,
    },
    member_id: v.member_id.trim(),
    group_number: blankToNull(v.group_number),
    plan_name: blankToNull(v.plan_name),
    effective_from: v.effective_from,
    effective_to: v.effective_to || null,
    copay_cents: inputToCents(v.copay),
    coinsurance_bp: v.coinsurance === '' ? null : Math.round(Number(v.coinsurance) * 100), // 20% is 2000 basis points
    deductible_cents: inputToCents(v.deductible),
    deductible_met_cents: inputToCents(v.deductible_met),
    eligibility: v.eligibility,
    eligibility_checked_at: v.eligibility_checked_at,
    benefits_assigned: v.benefits_assigned,
    release_of_information: v.release_of_information,
    medicare_secondary_type: v.medicare_secondary_type || null,
    active: v.active,
  };
};

const notSelf = (what: string) => (v: string | null, all: Values) => (all.relationship !== 'self' && !(v ?? '').trim() ? `${what} is required when the patient is not the subscriber` : null);
const nowInstant = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const data = (o: Record<string | number, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export function CoverageDialog({ coverage, patientId, nextPriority, onClose }: { coverage: Coverage | null; patientId: number; nextPriority: number; onClose: () => void }) {
  const payers = usePayersAll();
  const form = useForm<Values>({
    initialValues: toValues(coverage, patientId, nextPriority),
    validateInputOnBlur: true,
    validate: {
      payer_id: (v) => (!v ? 'Choose the payer' : null),
      subscriber: { family_name: notSelf('Family name'), given_name: notSelf('Given name'), birth_date: notSelf('Birth date') },
      member_id: (v) => (!v.trim() ? 'Member ID is required' : !/^[A-Za-z0-9 .\/-]+$/.test(v.trim()) ? 'Only letters, digits, spaces and - . /' : null),
      effective_from: (v) => (!v ? 'Enter the date the coverage starts' : null),
      effective_to: endNotBefore('effective_from'),
    },
  });
  const { submit, error } = useRecordSubmit({
    form,
    record: coverage,
    collection: 'coverages',
    noun: 'insurance',
    toValues: (c) => toValues(c, patientId),
    toBody,
    onClose,
  });
  const v = form.values;
  const payerOptions = (payers.data ?? []).filter((p) => p.active || String(p.id) === v.payer_id).map((p) => ({ value: String(p.id), label: p.name }));
  const medicareLater = v.priority !== '1' && (payers.data ?? []).some((p) => String(p.id) === v.payer_id && p.kind === 'medicare');
  return (
    <FormDialog title={coverage ? `Edit ${coverage.payer_name} insurance` : 'Add insurance'} error={error} onClose={onClose} onSubmit={submit} submitLabel={coverage ? 'Save insurance' : 'Add insurance'} submitting={form.submitting}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label="Payer" required searchable data-autofocus data={payerOptions} nothingFoundMessage="No payer of that name: ask billing to add it" {...form.getInputProps('payer_id')} />
        <Select label="Order" required allowDeselect={false} data={data(PRIORITIES)} {...form.getInputProps('priority')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Member ID" required classNames={{ input: 'mono' }} maxLength={80} {...form.getInputProps('member_id')} />
        <TextInput label="Group number" classNames={{ input: 'mono' }} maxLength={50} {...form.getInputProps('group_number')} />
        <TextInput label="Plan" maxLength={60} {...form.getInputProps('plan_name')} />
      </SimpleGrid>
      <Select label="Patient's relationship to the subscriber" required allowDeselect={false} data={data(RELATIONSHIPS)} {...form.getInputProps('relationship')} />
      {v.relationship !== 'self' ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Subscriber family name" required maxLength={60} {...form.getInputProps('subscriber.family_name')} />
          <TextInput label="Subscriber given name" required maxLength={35} {...form.getInputProps('subscriber.given_name')} />
          <DateInput label="Subscriber birth date" required {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('subscriber.birth_date')} />
          <Select label="Subscriber sex" clearable data={['F', 'M', 'U'].map((s) => ({ value: s, label: SEX_AT_BIRTH_LABELS[s] }))} {...form.getInputProps('subscriber.sex')} />
        </SimpleGrid>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateInput label="In force from" required {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_from')} />
        <DateInput label="Until" clearable {...DATE_INPUT_PROPS} placeholder="Open-ended" popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_to')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <MoneyInput label="Copay" {...form.getInputProps('copay')} />
        <NumberInput label="Coinsurance" suffix="%" min={0} max={100} decimalScale={2} hideControls classNames={{ input: 'num' }} {...form.getInputProps('coinsurance')} />
        <MoneyInput label="Deductible" {...form.getInputProps('deductible')} />
        <MoneyInput label="Deductible met" {...form.getInputProps('deductible_met')} />
      </SimpleGrid>
      <Select
        label="Eligibility"
        description={v.eligibility_checked_at ? `Checked ${formatDateTime(v.eligibility_checked_at)}` : 'Not checked yet'}
        allowDeselect={false}
        data={Object.entries(ELIGIBILITY_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        {...form.getInputProps('eligibility')}
        onChange={(e) => {
          form.setFieldValue('eligibility', (e ?? 'unknown') as Eligibility);
          form.setFieldValue('eligibility_checked_at', e && e !== 'unknown' ? nowInstant() : null);
        }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Switch label="Benefits assigned to the practice" description="The insured signed the assignment of benefits" {...form.getInputProps('benefits_assigned', { type: 'checkbox' })} />
        <Select
          label="Release of information"
          allowDeselect={false}
          data={[{ value: 'Y', label: 'Signed statement on file' }, { value: 'I', label: 'Informed consent only' }]}
          {...form.getInputProps('release_of_information')}
        />
      </SimpleGrid>
      {medicareLater || v.medicare_secondary_type ? (
        <Select
          label="Why Medicare is not primary"
          description="Required on claims to Medicare as a later payer"
          clearable
          data={data(MSP_TYPES)}
          {...form.getInputProps('medicare_secondary_type')}
        />
      ) : null}
      {coverage ? <Switch label="Active (used for claims)" {...form.getInputProps('active', { type: 'checkbox' })} /> : null}
    </FormDialog>
  );
}
