import { useState } from 'react';
import { Button, Paper, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { blankToNull, EMAIL_RE, isPhoneLike, npiRule, nullToBlank, taxonomyRule } from '../../lib/forms';
import { formatPhone } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import { useRecordSubmit } from '../../lib/records';
import { useSession } from '../../lib/session';
import { ACTIVE_STATUS } from '../../lib/status';
import type { Provider } from '../../lib/types';
import { actionsColumn, CursorTable } from '../../components/CursorTable';
import { FormDialog } from '../../components/Dialogs';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';

interface Values {
  family_name: string;
  given_name: string;
  credentials: string;
  npi: string;
  taxonomy: string;
  email: string;
  phone: string;
  active: boolean;
}

const toValues = (p?: Provider): Values => ({
  family_name: nullToBlank(p?.family_name),
  given_name: nullToBlank(p?.given_name),
  credentials: nullToBlank(p?.credentials),
  npi: nullToBlank(p?.npi),
  taxonomy: nullToBlank(p?.taxonomy),
  email: nullToBlank(p?.email),
  phone: nullToBlank(p?.phone),
  active: p ? p.active : true,
});

const toBody = (v: Values) => ({
  family_name: v.family_name.trim(),
  given_name: v.given_name.trim(),
  credentials: blankToNull(v.credentials),
  npi: blankToNull(v.npi),
  taxonomy: blankToNull(v.taxonomy)?.toUpperCase() ?? null,
  email: blankToNull(v.email),
  phone: blankToNull(v.phone),
  active: v.active,
});

function ProviderModal({ provider, onClose }: { provider: Provider | null; onClose: () => void }) {
  const form = useForm<Values>({
    initialValues: toValues(provider ?? undefined),
    validateInputOnBlur: true,
    validate: {
      family_name: (v) => (!v.trim() ? 'Family name is required' : null),
      given_name: (v) => (!v.trim() ? 'Given name is required' : null),
      npi: npiRule,
      taxonomy: taxonomyRule,
      email: (v) => (v.trim() && !EMAIL_RE.test(v.trim()) ? 'Enter a valid email address' : null),
      phone: (v) => (v.trim() && !isPhoneLike(v) ? 'Enter a valid phone number' : null),
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: provider, collection: 'providers', noun: 'provider', toValues, toBody, onClose });
  return (
    <FormDialog
      title={provider ? 'Edit provider' : 'New provider'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={provider ? 'Save provider' : 'Add provider'}
      submitting={form.submitting}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Family name" required data-autofocus {...form.getInputProps('family_name')} />
        <TextInput label="Given name" required {...form.getInputProps('given_name')} />
        <TextInput label="Credentials" placeholder="e.g. MD, DO, NP" {...form.getInputProps('credentials')} />
        <TextInput label="NPI" inputMode="numeric" maxLength={10} classNames={{ input: 'mono' }} {...form.getInputProps('npi')} />
        <TextInput label="Taxonomy code" placeholder="e.g. 207Q00000X" maxLength={10} classNames={{ input: 'mono' }} {...form.getInputProps('taxonomy')} />
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
        <TextInput label="Email" type="email" {...form.getInputProps('email')} />
      </SimpleGrid>
      <Switch label="Active (can be scheduled and billed)" {...form.getInputProps('active', { type: 'checkbox' })} />
    </FormDialog>
  );
}

export function ProvidersPage() {
  const session = useSession();
  const canWrite = session.can('provider.write');
  const list = useCursorList<Provider>(['providers'], '/providers');
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Providers"
        description="Clinicians who see patients and bill under their NPI."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New provider
            </Button>
          ) : null
        }
      />
      <Paper p="md">
        <CursorTable
          list={list}
          label="Providers"
          noun="providers"
          noRecordsText="No providers yet"
          columns={[
            {
              accessor: 'name',
              title: 'Name',
              render: (p) => (
                <Text size="sm" fw={500}>
                  {p.family_name}, {p.given_name}
                  {p.credentials ? `, ${p.credentials}` : ''}
                </Text>
              ),
            },
            { accessor: 'npi', title: 'NPI', render: (p) => <span className="mono">{p.npi ?? ''}</span> },
            { accessor: 'taxonomy', title: 'Taxonomy', render: (p) => <span className="mono">{p.taxonomy ?? ''}</span> },
            { accessor: 'phone', title: 'Phone', render: (p) => formatPhone(p.phone) },
            { accessor: 'email', title: 'Email' },
            { accessor: 'active', title: 'Status', width: 100, render: (p) => <StatusBadge status={p.active ? 'active' : 'inactive'} map={ACTIVE_STATUS} /> },
            ...(canWrite
              ? [
                  actionsColumn<Provider>((p) => (
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(p)} aria-label={`Edit ${p.given_name} ${p.family_name}`}>
                      Edit
                    </Button>
                  )),
                ]
              : []),
          ]}
        />
      </Paper>
      {editing ? <ProviderModal provider={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
