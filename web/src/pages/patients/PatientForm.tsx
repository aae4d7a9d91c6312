// The patient demographics form, shared by registration and editing.
import { Checkbox, List, NativeSelect, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { ApiError, errorMessage, type FieldError } from '../../lib/api';
import {
  addressToBody,
  addressToValues,
  applyServerErrors,
  blankToNull,
  EMAIL_RE,
  isPhoneLike,
  nullToBlank,
  serverMessage,
  type AddressValues,
} from '../../lib/forms';
import { DATE_INPUT_PROPS, PREFERRED_CONTACT_LABELS, SEX_AT_BIRTH_LABELS, todayIso } from '../../lib/format';
import { guarantorPatientId, withGuarantorWording } from '../../lib/family';
import type { Patient } from '../../lib/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { GuarantorFields, type GuarantorKind } from './GuarantorFields';

export interface PatientFormValues {
  family_name: string;
  given_name: string;
  middle_name: string;
  preferred_name: string;
  birth_date: string | null;
  sex_at_birth: string;
  gender_identity: string;
  address: AddressValues;
  phone_mobile: string;
  phone_home: string;
  phone_work: string;
  email: string;
  preferred_language: string;
  preferred_contact: string;
  emergency_contact: { name: string; relationship: string; phone: string };
  /** kind says which of the rest count: patient_id for 'patient', name and phone for 'other'. */
  guarantor: { kind: GuarantorKind; name: string; relationship: string; phone: string; patient_id: number | null };
  sms_consent: boolean;
  email_consent: boolean;
  privacy_notice_at: string | null;
}

export type PatientForm = UseFormReturnType<PatientFormValues>;

export const emptyPatientValues = (): PatientFormValues => ({
  family_name: '',
  given_name: '',
  middle_name: '',
  preferred_name: '',
  birth_date: null,
  sex_at_birth: '',
  gender_identity: '',
  address: { line1: '', line2: '', city: '', state: '', postal_code: '' },
  phone_mobile: '',
  phone_home: '',
  phone_work: '',
  email: '',
  preferred_language: '',
  preferred_contact: '',
  emergency_contact: { name: '', relationship: '', phone: '' },
  guarantor: { kind: 'self', name: '', relationship: '', phone: '', patient_id: null },
  sms_consent: false,
  email_consent: false,
  privacy_notice_at: null,
});

export function patientToValues(p: Patient): PatientFormValues {
  return {
    family_name: nullToBlank(p.family_name),
    given_name: nullToBlank(p.given_name),
    middle_name: nullToBlank(p.middle_name),
    preferred_name: nullToBlank(p.preferred_name),
    birth_date: p.birth_date || null,
    sex_at_birth: nullToBlank(p.sex_at_birth),
    gender_identity: nullToBlank(p.gender_identity),
    address: addressToValues(p.address),
    phone_mobile: nullToBlank(p.phone_mobile),
    phone_home: nullToBlank(p.phone_home),
    phone_work: nullToBlank(p.phone_work),
    email: nullToBlank(p.email),
    preferred_language: nullToBlank(p.preferred_language),
    preferred_contact: nullToBlank(p.preferred_contact),
    emergency_contact: {
      name: nullToBlank(p.emergency_contact?.name),
      relationship: nullToBlank(p.emergency_contact?.relationship),
      phone: nullToBlank(p.emergency_contact?.phone),
    },
    guarantor: guarantorToValues(p),
    sms_consent: Boolean(p.sms_consent),
    email_consent: Boolean(p.email_consent),
    privacy_notice_at: p.privacy_notice_at ? p.privacy_notice_at.slice(0, 10) : null,
  };
}

function guarantorToValues(p: Patient): PatientFormValues['guarantor'] {
  const patient_id = guarantorPatientId(p);
  const name = nullToBlank(p.guarantor?.name);
  const relationship = nullToBlank(p.guarantor?.relationship);
  const phone = nullToBlank(p.guarantor?.phone);
  const kind: GuarantorKind = patient_id !== null ? 'patient' : name || relationship || phone ? 'other' : 'self';
  return { kind, name, relationship, phone, patient_id };
}

type Body = Record<string, unknown>;

function contactBody(c: { name: string; relationship: string; phone: string }) {
  const o = { name: blankToNull(c.name), relationship: blankToNull(c.relationship), phone: blankToNull(c.phone) };
  return o.name || o.relationship || o.phone ? o : null;
}

/** The guarantor as the API takes it: null for none (the patient pays), which also clears patient_id. */
function guarantorBody(g: PatientFormValues['guarantor']) {
  if (g.kind === 'patient') return { name: null, relationship: blankToNull(g.relationship), phone: null, patient_id: g.patient_id };
  const contact = g.kind === 'other' ? contactBody(g) : null;
  return contact ? { ...contact, patient_id: null } : null;
}

/** Form values → API JSON: trimmed, blanks as null, nested objects null when empty. */
export function valuesToBody(v: PatientFormValues): Body {
  return {
    family_name: v.family_name.trim(),
    given_name: v.given_name.trim(),
    middle_name: blankToNull(v.middle_name),
    preferred_name: blankToNull(v.preferred_name),
    birth_date: v.birth_date,
    sex_at_birth: v.sex_at_birth,
    gender_identity: blankToNull(v.gender_identity),
    address: addressToBody(v.address),
    phone_mobile: blankToNull(v.phone_mobile),
    phone_home: blankToNull(v.phone_home),
    phone_work: blankToNull(v.phone_work),
    email: blankToNull(v.email),
    preferred_language: blankToNull(v.preferred_language),
    preferred_contact: blankToNull(v.preferred_contact),
    emergency_contact: contactBody(v.emergency_contact),
    guarantor: guarantorBody(v.guarantor),
    sms_consent: v.sms_consent,
    email_consent: v.email_consent,
    privacy_notice_at: v.privacy_notice_at,
  };
}

/** For creation: only what was filled in. */
export function createBody(v: PatientFormValues): Body {
  const body = valuesToBody(v);
  for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
  return body;
}

/** The top-level fields whose API value differs between two sets of form values. */
export function changedFields(before: PatientFormValues, after: PatientFormValues): string[] {
  const a = valuesToBody(before);
  const b = valuesToBody(after);
  return Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export const FIELD_LABELS: Record<string, string> = {
  family_name: 'Family name',
  given_name: 'Given name',
  middle_name: 'Middle name',
  preferred_name: 'Preferred name',
  birth_date: 'Birth date',
  sex_at_birth: 'Sex at birth',
  gender_identity: 'Gender identity',
  address: 'Address',
  phone_mobile: 'Mobile phone',
  phone_home: 'Home phone',
  phone_work: 'Work phone',
  email: 'Email',
  preferred_language: 'Preferred language',
  preferred_contact: 'Preferred contact',
  emergency_contact: 'Emergency contact',
  guarantor: 'Guarantor',
  sms_consent: 'Text message consent',
  email_consent: 'Email consent',
  privacy_notice_at: 'Privacy notice given',
};

/** Names for server field errors, including nested paths. */
export const PATIENT_ERROR_LABELS: Record<string, string> = {
  ...FIELD_LABELS,
  'address.line1': 'Address line 1',
  'address.line2': 'Address line 2',
  'address.city': 'City',
  'address.state': 'State',
  'address.postal_code': 'ZIP code',
  'address.country': 'Country',
  'emergency_contact.name': 'Name',
  'emergency_contact.relationship': 'Relationship',
  'emergency_contact.phone': 'Phone',
  'guarantor.name': 'Name',
  'guarantor.relationship': 'Relationship',
  'guarantor.phone': 'Phone',
  'guarantor.patient_id': 'The guarantor',
};

const phone = (label: string) => (v: string) => (v.trim() && !isPhoneLike(v) ? `Enter a valid ${label}, e.g. (555) 123-4567` : null);

export function usePatientForm(initialValues: PatientFormValues): PatientForm {
  return useForm<PatientFormValues>({
    initialValues,
    validateInputOnBlur: true,
    validate: {
      family_name: (v) => (!v.trim() ? 'Family name is required' : v.trim().length > 100 ? 'Family name is too long' : null),
      given_name: (v) => (!v.trim() ? 'Given name is required' : v.trim().length > 100 ? 'Given name is too long' : null),
      birth_date: (v) => {
        if (!v) return 'Birth date is required (MM/DD/YYYY)';
        if (v > todayIso()) return 'Birth date cannot be in the future';
        if (v < '1880-01-01') return 'Check the year of birth';
        return null;
      },
      sex_at_birth: (v) => (!v ? 'Choose the sex at birth' : null),
      address: {
        state: (v) => (v.trim() && !/^[A-Za-z]{2}$/.test(v.trim()) ? 'Use the 2-letter state code, e.g. NY' : null),
        postal_code: (v) => (v.trim() && !/^\d{5}(-?\d{4})?$/.test(v.trim()) ? 'ZIP code is 5 digits (or ZIP+4)' : null),
      },
      phone_mobile: phone('mobile number'),
      phone_home: phone('home phone number'),
      phone_work: phone('work phone number'),
      email: (v) => (v.trim() && !EMAIL_RE.test(v.trim()) ? 'Enter a valid email address, e.g. name@example.com' : null),
      preferred_contact: (v, values) => {
        if (v === 'sms' && !values.phone_mobile.trim()) return 'Text messages need a mobile number';
        if (v === 'email' && !values.email.trim()) return 'Email contact needs an email address';
        if (v === 'phone' && !values.phone_mobile.trim() && !values.phone_home.trim() && !values.phone_work.trim())
          return 'Phone contact needs a phone number';
        return null;
      },
      emergency_contact: { phone: phone('phone number') },
      guarantor: {
        phone: (v, values) => (values.guarantor.kind === 'other' ? phone('phone number')(v) : null),
        patient_id: (v, values) =>
          values.guarantor.kind === 'patient' && v === null ? 'Choose the patient who is the guarantor, or “The patient” when there is none' : null,
      },
      privacy_notice_at: (v) => (v && v > todayIso() ? 'The date cannot be in the future' : null),
    },
  });
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper p="md" component="fieldset" style={{ margin: 0, minInlineSize: 0 }}>
      <Title order={2} size="h5" component="legend" px={4}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const SEX_OPTIONS = [{ value: '', label: 'Choose…' }, ...Object.entries(SEX_AT_BIRTH_LABELS).map(([value, label]) => ({ value, label }))];
const CONTACT_OPTIONS = [{ value: '', label: 'No preference' }, ...Object.entries(PREFERRED_CONTACT_LABELS).map(([value, label]) => ({ value, label }))];

function DateField({ form, path, label, required, description }: { form: PatientForm; path: 'birth_date' | 'privacy_notice_at'; label: string; required?: boolean; description?: string }) {
  return (
    <DateInput
      label={label}
      description={description}
      required={required}
      {...DATE_INPUT_PROPS}
      maxDate={todayIso()}
      clearable={!required}
      defaultLevel={path === 'birth_date' ? 'decade' : 'month'}
      popoverProps={{ trapFocus: false }}
      {...form.getInputProps(path)}
    />
  );
}

/** Name, relationship and phone of another person; `who` names them for screen readers. */
function ContactFields({ form, path, who, relationshipExample }: { form: PatientForm; path: 'emergency_contact' | 'guarantor'; who: string; relationshipExample: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">
      <TextInput label="Name" aria-label={`${who} name`} {...form.getInputProps(`${path}.name`)} />
      <TextInput label="Relationship" aria-label={`${who} relationship`} placeholder={`e.g. ${relationshipExample}`} {...form.getInputProps(`${path}.relationship`)} />
      <TextInput label="Phone" aria-label={`${who} phone`} type="tel" {...form.getInputProps(`${path}.phone`)} />
    </SimpleGrid>
  );
}

/** `patientId`: the patient being edited (never offered as their own guarantor). */
export function PatientFields({ form, patientId }: { form: PatientForm; patientId?: number }) {
  const grid = { base: 1, sm: 2, lg: 3 } as const;
  return (
    <Stack gap="md">
      <Section title="Name and birth">
        <SimpleGrid cols={grid} spacing="md" verticalSpacing="sm">
          <TextInput label="Family name" required autoComplete="off" {...form.getInputProps('family_name')} />
          <TextInput label="Given name" required {...form.getInputProps('given_name')} />
          <TextInput label="Middle name" {...form.getInputProps('middle_name')} />
          <TextInput label="Preferred name" description="What the patient likes to be called" {...form.getInputProps('preferred_name')} />
          <DateField form={form} path="birth_date" label="Birth date" required />
          <NativeSelect label="Sex at birth" required data={SEX_OPTIONS} {...form.getInputProps('sex_at_birth')} />
          <TextInput label="Gender identity" {...form.getInputProps('gender_identity')} />
        </SimpleGrid>
      </Section>

      <Section title="Contact">
        <SimpleGrid cols={grid} spacing="md" verticalSpacing="sm">
          <TextInput label="Mobile phone" type="tel" {...form.getInputProps('phone_mobile')} />
          <TextInput label="Home phone" type="tel" {...form.getInputProps('phone_home')} />
          <TextInput label="Work phone" type="tel" {...form.getInputProps('phone_work')} />
          <TextInput label="Email" type="email" {...form.getInputProps('email')} />
          <TextInput label="Preferred language" placeholder="e.g. English, Spanish" {...form.getInputProps('preferred_language')} />
          <NativeSelect label="Preferred contact" data={CONTACT_OPTIONS} {...form.getInputProps('preferred_contact')} />
        </SimpleGrid>
      </Section>

      <Section title="Address">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput label="Address line 1" {...form.getInputProps('address.line1')} />
          <TextInput label="Address line 2" description="Apartment, suite, unit" {...form.getInputProps('address.line2')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm" mt="sm">
          <TextInput label="City" {...form.getInputProps('address.city')} />
          <TextInput label="State" maxLength={2} placeholder="e.g. NY" {...form.getInputProps('address.state')} />
          <TextInput label="ZIP code" inputMode="numeric" maxLength={10} {...form.getInputProps('address.postal_code')} />
        </SimpleGrid>
      </Section>

      <Section title="Emergency contact">
        <ContactFields form={form} path="emergency_contact" who="Emergency contact" relationshipExample="Spouse" />
      </Section>

      <Section title="Guarantor (responsible party)">
        <GuarantorFields
          form={form}
          patientId={patientId}
          otherFields={<ContactFields form={form} path="guarantor" who="Guarantor" relationshipExample="Parent" />}
        />
      </Section>

      <Section title="Consent and privacy">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">
          <Checkbox label="Agrees to text messages (SMS)" mt="xs" {...form.getInputProps('sms_consent', { type: 'checkbox' })} />
          <Checkbox label="Agrees to email" mt="xs" {...form.getInputProps('email_consent', { type: 'checkbox' })} />
          <DateField form={form} path="privacy_notice_at" label="Privacy notice given on" description="Date the Notice of Privacy Practices was given" />
        </SimpleGrid>
      </Section>
    </Stack>
  );
}

export const NEEDS_ATTENTION = 'Some fields need attention.';

/** The error summary of a patient form: a message, and the server's field errors that match no field. */
export function usePatientErrors(form: PatientForm) {
  const [error, setError] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<FieldError[]>([]);
  return {
    error,
    otherErrors,
    setError,
    clear: () => {
      setError(null);
      setOtherErrors([]);
    },
    /** A failed save: field errors go on their fields, anything else becomes the message. */
    fail: (thrown: unknown) => {
      const e = withGuarantorWording(thrown);
      if (e instanceof ApiError && e.fieldErrors.length) {
        setOtherErrors(applyServerErrors(form, e, PATIENT_ERROR_LABELS));
        setError(NEEDS_ATTENTION);
      } else {
        setError(errorMessage(e));
      }
    },
  };
}

export function PatientErrorAlert({ title, errors }: { title: string; errors: ReturnType<typeof usePatientErrors> }) {
  return (
    <ErrorAlert title={title} error={errors.error}>
      {errors.otherErrors.length ? (
        <List size="sm" mt="xs">
          {errors.otherErrors.map((fe, i) => (
            <List.Item key={i}>{serverMessage(fe, PATIENT_ERROR_LABELS)}</List.Item>
          ))}
        </List>
      ) : null}
    </ErrorAlert>
  );
}
