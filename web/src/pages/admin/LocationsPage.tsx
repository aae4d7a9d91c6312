import { useMemo, useState } from 'react';
import { Button, Paper, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { addressRules, addressToBody, addressToValues, blankToNull, isPhoneLike, nullToBlank, type AddressValues } from '../../lib/forms';
import { formatCityLine, formatPhone } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import { useRecordSubmit } from '../../lib/records';
import { useSession } from '../../lib/session';
import { ACTIVE_STATUS } from '../../lib/status';
import type { Location } from '../../lib/types';
import { AddressFields } from '../../components/AddressFields';
import { actionsColumn, CursorTable } from '../../components/CursorTable';
import { FormDialog } from '../../components/Dialogs';
import { PageHeader } from '../../components/PageHeader';
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
  address: AddressValues;
  phone: string;
  time_zone: string | null;
  pos_code: string | null;
  active: boolean;
}

const toValues = (l?: Location): Values => ({
  name: nullToBlank(l?.name),
  address: addressToValues(l?.address),
  phone: nullToBlank(l?.phone),
  time_zone: l?.time_zone ?? 'America/New_York',
  pos_code: l?.pos_code ?? '11',
  active: l ? l.active : true,
});

const toBody = (v: Values) => ({
  name: v.name.trim(),
  address: addressToBody(v.address),
  phone: blankToNull(v.phone),
  time_zone: v.time_zone,
  pos_code: v.pos_code,
  active: v.active,
});

function LocationModal({ location, onClose }: { location: Location | null; onClose: () => void }) {
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
      address: addressRules,
      phone: (v) => (v.trim() && !isPhoneLike(v) ? 'Enter a valid phone number' : null),
      time_zone: (v) => (!v ? 'Choose the time zone' : null),
      pos_code: (v) => (!v || !/^\d{2}$/.test(v) ? 'Choose the place of service' : null),
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: location, collection: 'locations', noun: 'location', toValues, toBody, onClose });
  return (
    <FormDialog
      title={location ? 'Edit location' : 'New location'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={location ? 'Save location' : 'Add location'}
      submitting={form.submitting}
    >
      <TextInput label="Location name" required data-autofocus {...form.getInputProps('name')} />
      <AddressFields form={form} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
        <Select label="Time zone" required searchable data={zones} limit={50} {...form.getInputProps('time_zone')} />
        <Select label="Place of service" description="CMS POS code used on claims" required data={posData} {...form.getInputProps('pos_code')} />
      </SimpleGrid>
      <Switch label="Active (open for appointments)" {...form.getInputProps('active', { type: 'checkbox' })} />
    </FormDialog>
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
        <CursorTable
          list={list}
          label="Locations"
          noun="locations"
          noRecordsText="No locations yet"
          columns={[
            { accessor: 'name', title: 'Name', render: (l) => <Text size="sm" fw={500}>{l.name}</Text> },
            { accessor: 'address', title: 'Address', render: (l) => [l.address?.line1, formatCityLine(l.address)].filter(Boolean).join(', ') },
            { accessor: 'phone', title: 'Phone', render: (l) => formatPhone(l.phone) },
            { accessor: 'time_zone', title: 'Time zone' },
            { accessor: 'pos_code', title: 'POS', render: (l) => <span title={POS_CODES[l.pos_code]}>{l.pos_code}</span> },
            { accessor: 'active', title: 'Status', width: 100, render: (l) => <StatusBadge status={l.active ? 'active' : 'inactive'} map={ACTIVE_STATUS} /> },
            ...(canWrite
              ? [
                  actionsColumn<Location>((l) => (
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(l)} aria-label={`Edit ${l.name}`}>
                      Edit
                    </Button>
                  )),
                ]
              : []),
          ]}
        />
      </Paper>
      {editing ? <LocationModal location={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
