import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { ApiError, api, errorMessage } from '../../lib/api';
import { applyServerErrors, blankToNull, changedKeys, isPhoneLike, nullToBlank } from '../../lib/forms';
import { formatPhone } from '../../lib/format';
import { LoadMore, useCursorList } from '../../lib/lists';
import { useSession } from '../../lib/session';
import { ACTIVE_STATUS } from '../../lib/status';
import type { Location } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';

// CMS place-of-service codes a physician practice commonly uses.
const POS_CODES: Record<string, string> = {
  '02': 'Telehealth (not in patient home)',
  '10': 'Telehealth in patient home',
  '11': 'Office',
  '12': 'Home',
  '19': 'Off-campus outpatient hospital',
  '20': 'Urgent care facility',
  '21': 'Inpatient hospital',
  '22': 'On-campus outpatient hospital',
  '23': 'Emergency room – hospital',
  '24': 'Ambulatory surgical center',
  '31': 'Skilled nursing facility',
  '32': 'Nursing facility',
  '49': 'Independent clinic',
  '50': 'Federally qualified health center',
  '71': 'Public health clinic',
  '72': 'Rural health clinic',
  '81': 'Independent laboratory',
  '99': 'Other place of service',
};

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  const us = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
  return Array.from(new Set([...us, ...zones]));
}

interface Values {
  name: string;
  address: { line1: string; line2: string; city: string; state: string; postal_code: string };
  phone: string;
  time_zone: string | null;
  pos_code: string | null;
  active: boolean;
}

const toValues = (l?: Location): Values => ({
  name: nullToBlank(l?.name),
  address: {
    line1: nullToBlank(l?.address?.line1),
    line2: nullToBlank(l?.address?.line2),
    city: nullToBlank(l?.address?.city),
    state: nullToBlank(l?.address?.state),
    postal_code: nullToBlank(l?.address?.postal_code),
  },
  phone: nullToBlank(l?.phone),
  time_zone: l?.time_zone ?? 'America/New_York',
  pos_code: l?.pos_code ?? '11',
  active: l ? l.active : true,
});

const toBody = (v: Values) => {
  const address = {
    line1: blankToNull(v.address.line1),
    line2: blankToNull(v.address.line2),
    city: blankToNull(v.address.city),
    state: blankToNull(v.address.state)?.toUpperCase() ?? null,
    postal_code: blankToNull(v.address.postal_code),
  };
  return {
    name: v.name.trim(),
    address: Object.values(address).some((x) => x !== null) ? address : null,
    phone: blankToNull(v.phone),
    time_zone: v.time_zone,
    pos_code: v.pos_code,
    active: v.active,
  };
};

function LocationModal({ location, onClose }: { location: Location | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const zones = useMemo(() => timeZones(), []);
  const posData = useMemo(() => {
    const d = Object.entries(POS_CODES).map(([value, label]) => ({ value, label: `${value} – ${label}` }));
    if (location?.pos_code && !POS_CODES[location.pos_code]) d.push({ value: location.pos_code, label: location.pos_code });
    return d;
  }, [location]);
  const form = useForm<Values>({
    initialValues: toValues(location ?? undefined),
    validateInputOnBlur: true,
    validate: {
      name: (v) => (!v.trim() ? 'Name is required' : null),
      address: {
        state: (v) => (v.trim() && !/^[A-Za-z]{2}$/.test(v.trim()) ? 'Use the 2-letter state code' : null),
        postal_code: (v) => (v.trim() && !/^\d{5}(-?\d{4})?$/.test(v.trim()) ? 'ZIP code is 5 digits (or ZIP+4)' : null),
      },
      phone: (v) => (v.trim() && !isPhoneLike(v) ? 'Enter a valid phone number' : null),
      time_zone: (v) => (!v ? 'Choose the time zone' : null),
      pos_code: (v) => (!v || !/^\d{2}$/.test(v) ? 'Choose the place of service' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      if (location) {
        const before = toBody(toValues(location));
        const after = toBody(v);
        const keys = changedKeys(before, after);
        if (keys.length) {
          const body: Record<string, unknown> = { version: location.version };
          for (const k of keys) body[k] = after[k as keyof typeof after];
          await api.patch<Location>(`/locations/${location.id}`, body);
        }
      } else {
        await api.post<Location>('/locations', toBody(v));
      }
      void queryClient.invalidateQueries({ queryKey: ['locations'] });
      notifications.show({ color: 'teal', message: location ? 'Location saved.' : 'Location added.' });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') {
        setError('Someone else changed this location while you were editing. Your edits are still here; close and reopen to see theirs, then re-apply.');
        void queryClient.invalidateQueries({ queryKey: ['locations'] });
        return;
      }
      const rest = applyServerErrors(form, e);
      if (!(e instanceof ApiError) || !e.fieldErrors.length || rest.length) setError(errorMessage(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title={location ? 'Edit location' : 'New location'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput label="Location name" required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Address line 1" {...form.getInputProps('address.line1')} />
            <TextInput label="Address line 2" {...form.getInputProps('address.line2')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="City" {...form.getInputProps('address.city')} />
            <TextInput label="State" maxLength={2} {...form.getInputProps('address.state')} />
            <TextInput label="ZIP code" maxLength={10} {...form.getInputProps('address.postal_code')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
            <Select label="Time zone" required searchable data={zones} limit={50} {...form.getInputProps('time_zone')} />
            <Select label="Place of service" description="CMS POS code used on claims" required data={posData} {...form.getInputProps('pos_code')} />
          </SimpleGrid>
          <Switch label="Active (open for appointments)" {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {location ? 'Save location' : 'Add location'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function LocationsPage() {
  const session = useSession();
  const canWrite = session.can('location.write');
  const list = useCursorList<Location>(['locations'], '/locations');
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  return (
    <>
      <PageHeader
        title="Locations"
        description="Offices where the practice sees patients. Each has its own time zone and place-of-service code."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New location
            </Button>
          ) : null
        }
      />
      <Paper p="md">
        {list.isError ? (
          <QueryState error={list.error} retry={() => void list.refetch()} />
        ) : (
          <DataTable<Location>
            aria-label="Locations"
            withTableBorder
            borderRadius="sm"
            striped
            minHeight={list.items.length ? undefined : 160}
            fetching={list.isLoading}
            records={list.items}
            idAccessor="id"
            noRecordsText="No locations yet"
            columns={[
              { accessor: 'name', title: 'Name', render: (l) => <Text size="sm" fw={500}>{l.name}</Text> },
              {
                accessor: 'address',
                title: 'Address',
                render: (l) =>
                  [l.address?.line1, l.address?.city, [l.address?.state, l.address?.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', '),
              },
              { accessor: 'phone', title: 'Phone', render: (l) => formatPhone(l.phone) },
              { accessor: 'time_zone', title: 'Time zone' },
              { accessor: 'pos_code', title: 'POS', render: (l) => <span title={POS_CODES[l.pos_code]}>{l.pos_code}</span> },
              { accessor: 'active', title: 'Status', width: 100, render: (l) => <StatusBadge status={l.active ? 'active' : 'inactive'} map={ACTIVE_STATUS} /> },
              ...(canWrite
                ? [
                    {
                      accessor: 'actions',
                      title: <span className="visually-hidden">Actions</span>,
                      textAlign: 'right' as const,
                      render: (l: Location) => (
                        <Button size="compact-sm" variant="light" onClick={() => setEditing(l)} aria-label={`Edit ${l.name}`}>
                          Edit
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} noun="locations" />
      </Paper>
      {editing ? <LocationModal location={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
