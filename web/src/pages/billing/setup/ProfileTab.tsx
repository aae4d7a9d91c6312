// The practice as the billing provider on every claim: legal name, group NPI, tax id,
// taxonomy, pay-to address, and the Medicare contractor and locality that price its services.
import { SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { addressRules, addressToBody, addressToValues, blankToNull, isPhoneLike, npiRule, nullToBlank, taxonomyRule, type AddressValues } from '../../../lib/forms';
import type { BillingProfile } from '../../../lib/types';
import { AddressFields } from '../../../components/AddressFields';
import { SettingsForm, SettingsTab } from '../../../components/SettingsForm';

interface Values {
  legal_name: string;
  npi: string;
  tax_id: string;
  taxonomy: string;
  address: AddressValues;
  phone: string;
  medicare_mac: string;
  medicare_locality: string;
}

const toValues = (p: BillingProfile | null): Values => ({
  legal_name: nullToBlank(p?.legal_name),
  npi: nullToBlank(p?.npi),
  tax_id: nullToBlank(p?.tax_id),
  taxonomy: nullToBlank(p?.taxonomy),
  address: addressToValues(p?.address),
  phone: nullToBlank(p?.phone),
  medicare_mac: nullToBlank(p?.medicare_mac),
  medicare_locality: nullToBlank(p?.medicare_locality),
});

const toBody = (v: Values) => ({
  legal_name: v.legal_name.trim(),
  npi: blankToNull(v.npi),
  tax_id: blankToNull(v.tax_id)?.replace(/-/g, '') ?? null,
  taxonomy: blankToNull(v.taxonomy)?.toUpperCase() ?? null,
  address: addressToBody(v.address),
  phone: blankToNull(v.phone),
  medicare_mac: blankToNull(v.medicare_mac),
  medicare_locality: blankToNull(v.medicare_locality),
});

const digits = (n: number, what: string) => (v: string) => (v.trim() && !new RegExp(`^\\d{${n}}$`).test(v.trim().replace(/-/g, '')) ? `${what} is ${n} digits` : null);

function ProfileForm({ profile, canWrite }: { profile: BillingProfile | null; canWrite: boolean }) {
  const form = useForm<Values>({
    initialValues: toValues(profile),
    validateInputOnBlur: true,
    validate: {
      legal_name: (v) => (!v.trim() ? 'The legal name is required' : null),
      npi: npiRule,
      tax_id: digits(9, 'The tax id (EIN)'),
      taxonomy: taxonomyRule,
      address: addressRules,
      phone: (v) => (v.trim() && !isPhoneLike(v) ? 'Enter a valid phone number' : null),
      medicare_mac: digits(5, 'The Medicare contractor number'),
      medicare_locality: digits(2, 'The Medicare locality'),
    },
  });
  return (
    <SettingsForm
      path="/billing-profile"
      record={profile}
      noun="billing profile"
      form={form}
      toValues={toValues}
      toBody={toBody}
      canWrite={canWrite}
      missing={{ title: 'No billing profile yet', text: "Claims cannot be sent until the practice's NPI, tax id and taxonomy are here." }}
    >
      <TextInput label="Legal name" description="As registered with the IRS and the payers" required maxLength={60} {...form.getInputProps('legal_name')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Group NPI" maxLength={10} classNames={{ input: 'mono' }} {...form.getInputProps('npi')} />
        <TextInput label="Tax id (EIN)" placeholder="9 digits" maxLength={10} classNames={{ input: 'mono' }} {...form.getInputProps('tax_id')} />
        <TextInput label="Taxonomy code" placeholder="e.g. 207Q00000X" maxLength={10} classNames={{ input: 'mono' }} {...form.getInputProps('taxonomy')} />
      </SimpleGrid>
      <AddressFields form={form} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
        <TextInput label="Medicare contractor (MAC)" description="5 digits, e.g. 14211" maxLength={5} classNames={{ input: 'mono' }} {...form.getInputProps('medicare_mac')} />
        <TextInput label="Medicare locality" description="2 digits, e.g. 99" maxLength={2} classNames={{ input: 'mono' }} {...form.getInputProps('medicare_locality')} />
      </SimpleGrid>
    </SettingsForm>
  );
}

export function ProfileTab({ canWrite }: { canWrite: boolean }) {
  return (
    <SettingsTab<BillingProfile> path="/billing-profile" intro="The practice as the billing provider on every claim.">
      {(profile) => <ProfileForm profile={profile} canWrite={canWrite} />}
    </SettingsTab>
  );
}
