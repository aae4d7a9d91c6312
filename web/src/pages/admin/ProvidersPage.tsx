import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { ApiError, api, errorMessage } from '../../lib/api';
import { applyServerErrors, blankToNull, changedKeys, EMAIL_RE, isPhoneLike, isValidNpi, nullToBlank } from '../../lib/forms';
import { formatPhone } from '../../lib/format';
import { LoadMore, useCursorList } from '../../lib/lists';
import { useSession } from '../../lib/session';
import { ACTIVE_STATUS } from '../../lib/status';
import type { Provider } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
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

export const TAXONOMY_RE = /^[0-9]{3}[0-9A-Z]{6}X$/;

function ProviderModal({ provider, onClose }: { provider: Provider | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: toValues(provider ?? undefined),
    validateInputOnBlur: true,
    validate: {
      family_name: (v) => (!v.trim() ? 'Family name is required' : null),
      given_name: (v) => (!v.trim() ? 'Given name is required' : null),
      npi: (v) => (!v.trim() ? null : !/^\d{10}$/.test(v.trim()) ? 'NPI is 10 digits' : !isValidNpi(v.trim()) ? 'This NPI fails its check digit; check for a typo' : null),
      taxonomy: (v) => (v.trim() && !TAXONOMY_RE.test(v.trim().toUpperCase()) ? 'Taxonomy code is 10 characters ending in X, e.g. 207Q00000X' : null),
      email: (v) => (v.trim() && !EMAIL_RE.test(v.trim()) ? 'Enter a valid email address' : null),
      phone: (v) => (v.trim() && !isPhoneLike(v) ? 'Enter a valid phone number' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      if (provider) {
        const before = toBody(toValues(provider));
        const after = toBody(v);
        const keys = changedKeys(before, after);
        if (keys.length) {
          const body: Record<string, unknown> = { version: provider.version };
          for (const k of keys) body[k] = after[k as keyof typeof after];
          await api.patch<Provider>(`/providers/${provider.id}`, body);
        }
      } else {
        await api.post<Provider>('/providers', toBody(v));
      }
      void queryClient.invalidateQueries({ queryKey: ['providers'] });
      notifications.show({ color: 'teal', message: provider ? 'Provider saved.' : 'Provider added.' });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') {
        setError('Someone else changed this provider while you were editing. Your edits are still here; close and reopen to see theirs, then re-apply.');
        void queryClient.invalidateQueries({ queryKey: ['providers'] });
        return;
      }
      const rest = applyServerErrors(form, e);
      if (!(e instanceof ApiError) || !e.fieldErrors.length || rest.length) setError(errorMessage(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title={provider ? 'Edit provider' : 'New provider'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {provider ? 'Save provider' : 'Add provider'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
        {list.isError ? (
          <QueryState error={list.error} retry={() => void list.refetch()} />
        ) : (
          <DataTable<Provider>
            aria-label="Providers"
            withTableBorder
            borderRadius="sm"
            striped
            minHeight={list.items.length ? undefined : 160}
            fetching={list.isLoading}
            records={list.items}
            idAccessor="id"
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
                    {
                      accessor: 'actions',
                      title: <span className="visually-hidden">Actions</span>,
                      textAlign: 'right' as const,
                      render: (p: Provider) => (
                        <Button size="compact-sm" variant="light" onClick={() => setEditing(p)} aria-label={`Edit ${p.given_name} ${p.family_name}`}>
                          Edit
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} noun="providers" />
      </Paper>
      {editing ? <ProviderModal provider={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
