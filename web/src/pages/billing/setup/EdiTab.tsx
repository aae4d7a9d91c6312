// Electronic claims: who sends the 837P files (the practice as the submitter) and who
// receives them (the clearinghouse), the interchange (ISA) and group (GS) identifiers the
// clearinghouse's enrolment gives, and whether the files are tests or production.
import { Input, Select, SegmentedControl, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { EDI_PATH, ISA_QUALIFIERS, X12_SAFE } from '../../../lib/billing';
import { formatDateTime } from '../../../lib/format';
import { isPhoneLike } from '../../../lib/forms';
import type { EdiSettings } from '../../../lib/types';
import { SettingsForm, SettingsTab } from '../../../components/SettingsForm';

type Values = Omit<EdiSettings, 'last_control' | 'version' | 'updated_at'>;

const BLANK: Values = {
  submitter_name: '',
  submitter_id: '',
  contact_name: '',
  contact_phone: '',
  receiver_name: '',
  receiver_id: '',
  isa_sender_qual: 'ZZ',
  isa_sender_id: '',
  isa_receiver_qual: 'ZZ',
  isa_receiver_id: '',
  gs_sender: '',
  gs_receiver: '',
  usage: 'T',
};

const toValues = (s: EdiSettings | null): Values => (s ? (Object.fromEntries(Object.keys(BLANK).map((k) => [k, s[k as keyof Values]])) as Values) : BLANK);

const toBody = (v: Values): Values => {
  const body = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.trim()])) as Values;
  return { ...body, contact_phone: body.contact_phone.replace(/\D/g, '') };
};

/** Required, and only what an X12 element may hold. */
const x12 = (what: string) => (v: string) =>
  !v.trim() ? `${what} is required` : !X12_SAFE.test(v.trim()) ? `${what} may hold only letters, digits, spaces and - . /` : null;

const QUALIFIER_DATA = Object.entries(ISA_QUALIFIERS).map(([value, label]) => ({ value, label: `${value} · ${label}` }));

function Heading({ children }: { children: string }) {
  return (
    <Text size="sm" fw={600} mt="xs">
      {children}
    </Text>
  );
}

function EdiForm({ settings, canWrite }: { settings: EdiSettings | null; canWrite: boolean }) {
  const form = useForm<Values>({
    initialValues: toValues(settings),
    validateInputOnBlur: true,
    validate: {
      submitter_name: x12('The submitter name'),
      submitter_id: x12('The submitter id'),
      contact_name: x12('The contact name'),
      contact_phone: (v) => (!v.trim() ? 'The contact phone is required' : !isPhoneLike(v) ? 'Enter a valid phone number' : null),
      receiver_name: x12('The receiver name'),
      receiver_id: x12('The receiver id'),
      isa_sender_qual: (v) => (v ? null : 'Choose the qualifier'),
      isa_sender_id: x12('The interchange sender id'),
      isa_receiver_qual: (v) => (v ? null : 'Choose the qualifier'),
      isa_receiver_id: x12('The interchange receiver id'),
      gs_sender: x12('The application sender code'),
      gs_receiver: x12('The application receiver code'),
    },
  });
  const text = (field: keyof Values, label: string, description: string, maxLength: number, mono = true) => (
    <TextInput label={label} description={description} required maxLength={maxLength} classNames={mono ? { input: 'mono' } : undefined} {...form.getInputProps(field)} />
  );
  const qualifier = (field: 'isa_sender_qual' | 'isa_receiver_qual', label: string) => (
    <Select label={label} description="As the companion guide says; usually ZZ" required allowDeselect={false} data={QUALIFIER_DATA} {...form.getInputProps(field)} />
  );
  return (
    <SettingsForm
      path={EDI_PATH}
      record={settings}
      noun="EDI set-up"
      form={form}
      toValues={toValues}
      toBody={toBody}
      canWrite={canWrite}
      missing={{
        title: 'No EDI set-up yet',
        text: 'Claims cannot be sent as 837P files until the clearinghouse enrolment is entered here. Your clearinghouse gives every value below.',
      }}
    >
      {settings ? (
        <Text size="xs" c="dimmed">
          {settings.last_control ? `Last file sent with control number ${settings.last_control}` : 'No file sent yet'}
          {settings.updated_at ? ` · Set-up saved ${formatDateTime(settings.updated_at)}` : ''}
        </Text>
      ) : null}
      <Heading>Submitter: the practice</Heading>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text('submitter_name', 'Submitter name', 'The practice as the clearinghouse enrolled it', 60, false)}
        {text('submitter_id', 'Submitter id', 'The submitter id the clearinghouse gave you (ETIN)', 80)}
        {text('contact_name', 'Contact name', 'Who the clearinghouse calls about a file', 60, false)}
        <TextInput label="Contact phone" description="Sent as digits only, e.g. 4135550100" type="tel" required maxLength={20} {...form.getInputProps('contact_phone')} />
      </SimpleGrid>
      <Heading>Receiver: the clearinghouse</Heading>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text('receiver_name', 'Receiver name', "The clearinghouse's name in its companion guide", 60, false)}
        {text('receiver_id', 'Receiver id', "The clearinghouse's id in its companion guide", 80)}
      </SimpleGrid>
      <Heading>Envelope identifiers (ISA and GS)</Heading>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {qualifier('isa_sender_qual', 'Interchange sender qualifier (ISA05)')}
        {text('isa_sender_id', 'Interchange sender id (ISA06)', 'Up to 15 characters; often your submitter id', 15)}
        {qualifier('isa_receiver_qual', 'Interchange receiver qualifier (ISA07)')}
        {text('isa_receiver_id', 'Interchange receiver id (ISA08)', "Up to 15 characters; the clearinghouse's interchange id", 15)}
        {text('gs_sender', 'Application sender code (GS02)', 'Often the same as the interchange sender id', 15)}
        {text('gs_receiver', 'Application receiver code (GS03)', 'Often the same as the interchange receiver id', 15)}
      </SimpleGrid>
      <Input.Wrapper
        label="Files are"
        description="Send test files until the clearinghouse confirms they pass its checks; only production files go on to the payers."
        mt="xs"
      >
        <SegmentedControl
          mt={6}
          aria-label="Usage"
          color="blue"
          disabled={!canWrite}
          data={[
            { value: 'T', label: 'Test' },
            { value: 'P', label: 'Production' },
          ]}
          {...form.getInputProps('usage')}
        />
      </Input.Wrapper>
    </SettingsForm>
  );
}

export function EdiTab({ canWrite }: { canWrite: boolean }) {
  return (
    <SettingsTab<EdiSettings> path={EDI_PATH} intro="How claims go out as 837P files: the practice as the submitter, the clearinghouse as the receiver, and the identifiers its enrolment gives you.">
      {(settings) => <EdiForm settings={settings} canWrite={canWrite} />}
    </SettingsTab>
  );
}
