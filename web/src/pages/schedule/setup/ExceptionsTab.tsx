// Exceptions: blocked time (holidays, meetings, time off) and extra sessions.
import { useState } from 'react';
import { Button, Checkbox, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { DATE_INPUT_PROPS, todayIso } from '../../../lib/format';
import { useRecordSubmit } from '../../../lib/records';
import { getAll, providerName, useLocationsAll, useProvidersAll, type AvailabilityException } from '../../../lib/schedule';
import { EXCEPTION_KIND } from '../../../lib/status';
import type { Location } from '../../../lib/types';
import { addDays, formatRange, instantOf, wallOf } from '../../../lib/zone';
import { FormDialog } from '../../../components/Dialogs';
import { RemoveDialog } from './RemoveDialog';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';

interface Values {
  kind: 'blocked' | 'extra';
  provider_id: string;
  location_id: string;
  all_day: boolean;
  start_date: string | null;
  start_time: string;
  end_date: string | null;
  end_time: string;
  reason: string;
}

function zoneFor(locations: Location[], locationId: string | number | null | undefined): string {
  const l = locations.find((x) => String(x.id) === String(locationId)) ?? locations.find((x) => x.active) ?? locations[0];
  return l?.time_zone ?? 'UTC';
}

function ExceptionDialog({ exc, onClose }: { exc: AvailabilityException | null; onClose: () => void }) {
  const providers = useProvidersAll();
  const locations = useLocationsAll();
  const locs = locations.data ?? [];
  const tz0 = zoneFor(locs, exc?.location_id);
  const s = exc ? wallOf(exc.start, tz0) : `${todayIso()}T00:00:00`;
  const e = exc ? wallOf(exc.end, tz0) : `${addDays(todayIso(), 1)}T00:00:00`;
  const allDay = s.slice(11) === '00:00:00' && e.slice(11) === '00:00:00';
  const toValues = (x?: AvailabilityException): Values => ({
    kind: x?.kind ?? 'blocked',
    provider_id: x?.provider_id ? String(x.provider_id) : 'all',
    location_id: x?.location_id ? String(x.location_id) : 'all',
    all_day: allDay,
    start_date: s.slice(0, 10),
    start_time: allDay ? '09:00' : s.slice(11, 16),
    // An all-day span ends at midnight after its last day: show the last day.
    end_date: allDay ? addDays(e.slice(0, 10), -1) : e.slice(0, 10),
    end_time: allDay ? '17:00' : e.slice(11, 16),
    reason: x?.reason ?? '',
  });
  const toBody = (v: Values) => {
    const tz = zoneFor(locs, v.location_id === 'all' ? null : v.location_id);
    const start = v.all_day ? `${v.start_date}T00:00:00` : `${v.start_date}T${v.start_time}:00`;
    const end = v.all_day ? `${addDays(v.end_date ?? v.start_date!, 1)}T00:00:00` : `${v.end_date}T${v.end_time}:00`;
    return {
      kind: v.kind,
      provider_id: v.provider_id === 'all' ? null : Number(v.provider_id),
      location_id: v.location_id === 'all' ? null : Number(v.location_id),
      start: instantOf(start, tz),
      end: instantOf(end, tz),
      reason: v.reason.trim() || null,
    };
  };
  const form = useForm<Values>({
    initialValues: toValues(exc ?? undefined),
    validate: {
      provider_id: (v, all) => (all.kind === 'extra' && v === 'all' ? 'An extra session is for one provider' : null),
      location_id: (v, all) => (all.kind === 'extra' && v === 'all' ? 'An extra session is at one location' : null),
      start_date: (v) => (!v ? 'Choose the first day' : null),
      end_date: (v, all) => (!v ? 'Choose the last day' : all.start_date && v < all.start_date ? 'Not before the first day' : null),
      end_time: (v, all) => (!all.all_day && all.start_date === all.end_date && v <= all.start_time ? 'Ends after it starts' : null),
    },
  });
  const { submit, error } = useRecordSubmit({
    form,
    record: exc,
    collection: 'availability-exceptions',
    noun: 'exception',
    toValues: () => toValues(exc ?? undefined),
    toBody,
    onClose,
  });
  const values = form.values;
  const tz = zoneFor(locs, values.location_id === 'all' ? null : values.location_id);
  return (
    <FormDialog
      title={exc ? 'Edit exception' : 'Block time or add a session'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={exc ? 'Save' : values.kind === 'blocked' ? 'Block time' : 'Add session'}
      submitting={form.submitting}
    >
      <SegmentedControl
        aria-label="Kind"
        value={values.kind}
        onChange={(v) => form.setFieldValue('kind', v as Values['kind'])}
        data={[
          { value: 'blocked', label: 'Blocked time' },
          { value: 'extra', label: 'Extra session' },
        ]}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Provider"
          required={values.kind === 'extra'}
          searchable
          allowDeselect={false}
          data={[
            ...(values.kind === 'blocked' ? [{ value: 'all', label: 'All providers' }] : [{ value: 'all', label: 'Choose a provider' }]),
            ...(providers.data ?? []).filter((p) => p.active || String(p.id) === values.provider_id).map((p) => ({ value: String(p.id), label: providerName(p) })),
          ]}
          {...form.getInputProps('provider_id')}
        />
        <Select
          label="Location"
          required={values.kind === 'extra'}
          allowDeselect={false}
          data={[
            ...(values.kind === 'blocked' ? [{ value: 'all', label: 'All locations' }] : [{ value: 'all', label: 'Choose a location' }]),
            ...locs.filter((l) => l.active || String(l.id) === values.location_id).map((l) => ({ value: String(l.id), label: l.name })),
          ]}
          {...form.getInputProps('location_id')}
        />
      </SimpleGrid>
      <Checkbox label="Whole days" {...form.getInputProps('all_day', { type: 'checkbox' })} />
      <Stack gap="xs">
        {values.all_day ? (
          <SimpleGrid cols={2}>
            <DateInput label="First day" required {...DATE_INPUT_PROPS} {...form.getInputProps('start_date')} />
            <DateInput label="Last day" required {...DATE_INPUT_PROPS} {...form.getInputProps('end_date')} />
          </SimpleGrid>
        ) : (
          <>
            <SimpleGrid cols={2}>
              <DateInput label="Starts on" required {...DATE_INPUT_PROPS} {...form.getInputProps('start_date')} />
              <TimeInput label="Start time" required {...form.getInputProps('start_time')} />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <DateInput label="Ends on" required {...DATE_INPUT_PROPS} {...form.getInputProps('end_date')} />
              <TimeInput label="End time" required {...form.getInputProps('end_time')} />
            </SimpleGrid>
          </>
        )}
        <Text size="xs" c="dimmed">
          Times in {tz}.
        </Text>
      </Stack>
      <TextInput label="Reason" placeholder={values.kind === 'blocked' ? 'e.g. Holiday, staff meeting, vacation' : 'e.g. Saturday clinic'} maxLength={200} {...form.getInputProps('reason')} />
    </FormDialog>
  );
}

function DeleteException({ exc, label, onClose }: { exc: AvailabilityException; label: string; onClose: () => void }) {
  return (
    <RemoveDialog title="Remove this exception?" path={`/availability-exceptions/${exc.id}`} list="availability-exceptions" done="Exception removed." onClose={onClose}>
      {label}. The regular working hours apply again for this time.
    </RemoveDialog>
  );
}

export function ExceptionsTab({ canWrite }: { canWrite: boolean }) {
  const providers = useProvidersAll();
  const locations = useLocationsAll();
  const list = useQuery({
    queryKey: ['availability-exceptions', 'all'],
    queryFn: ({ signal }) => getAll<AvailabilityException>('/availability-exceptions', {}, signal),
  });
  const [past, setPast] = useState(false);
  const [editing, setEditing] = useState<AvailabilityException | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AvailabilityException | null>(null);
  const locs = locations.data ?? [];
  const now = Date.now();
  const shown = (list.data ?? []).filter((x) => past || Date.parse(x.end) > now).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const who = (x: AvailabilityException) => (x.provider_id ? providerName((providers.data ?? []).find((p) => p.id === x.provider_id)) : 'All providers');
  const where = (x: AvailabilityException) => (x.location_id ? (locs.find((l) => l.id === x.location_id)?.name ?? `Location #${x.location_id}`) : 'All locations');
  const when = (x: AvailabilityException) => formatRange(x.start, x.end, zoneFor(locs, x.location_id));
  if (list.isError) return <QueryState error={list.error} retry={() => void list.refetch()} />;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Checkbox label="Show past exceptions" checked={past} onChange={(e) => setPast(e.currentTarget.checked)} />
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Block time or add a session
          </Button>
        ) : null}
      </Group>
      <DataTable<AvailabilityException>
        aria-label="Exceptions"
        withTableBorder
        borderRadius="sm"
        striped
        minHeight={shown.length ? undefined : 160}
        fetching={list.isLoading}
        records={shown}
        idAccessor="id"
        noRecordsText="No blocked time or extra sessions ahead"
        columns={[
          { accessor: 'kind', title: 'Kind', width: 140, render: (x) => <StatusBadge status={x.kind} map={EXCEPTION_KIND} /> },
          { accessor: 'start', title: 'When', render: (x) => <Text size="sm">{when(x)}</Text> },
          { accessor: 'provider_id', title: 'Provider', render: (x) => who(x) },
          { accessor: 'location_id', title: 'Location', render: (x) => where(x) },
          { accessor: 'reason', title: 'Reason' },
          ...(canWrite
            ? [
                {
                  accessor: 'actions',
                  title: <span className="visually-hidden">Actions</span>,
                  textAlign: 'right' as const,
                  render: (x: AvailabilityException) => (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(x)} aria-label={`Edit ${EXCEPTION_KIND[x.kind].label} ${when(x)}`}>
                        Edit
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red.9" onClick={() => setDeleting(x)} aria-label={`Remove ${EXCEPTION_KIND[x.kind].label} ${when(x)}`}>
                        Remove
                      </Button>
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <ExceptionDialog exc={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <DeleteException exc={deleting} label={`${EXCEPTION_KIND[deleting.kind].label}, ${who(deleting)}, ${when(deleting)}`} onClose={() => setDeleting(null)} />
      ) : null}
    </>
  );
}
