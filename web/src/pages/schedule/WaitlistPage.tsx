// The waitlist: patients who want a sooner or particular time. When an appointment
// is cancelled the server offers the freed time to the first matching entry; offered
// entries stand out with the time, and "Book offered time" books it in one dialog.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ActionIcon, Anchor, Button, ColorSwatch, Group, Menu, Paper, SegmentedControl, Select, SimpleGrid, Text, Textarea } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { ApiError, api, errorMessage } from '../../lib/api';
import { DATE_INPUT_PROPS, formatDate } from '../../lib/format';
import { submitError } from '../../lib/forms';
import {
  formatWeekdays,
  getAll,
  providerName,
  TIME_OF_DAY_LABELS,
  useLocationsAll,
  useProvidersAll,
  useTypesAll,
  WEEKDAYS,
  type TimeOfDay,
  type WaitlistEntry,
  type WaitlistStatus,
} from '../../lib/schedule';
import { useSession } from '../../lib/session';
import { WAITLIST_STATUS } from '../../lib/status';
import { formatWall, wallOf } from '../../lib/zone';
import { FormDialog } from '../../components/Dialogs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { BookingDialog, type BookingDefaults } from '../../components/schedule/BookingDialog';
import { PatientPicker, type PickedPatient } from '../../components/schedule/PatientPicker';
import { WeekdayPicker } from '../../components/schedule/WeekdayPicker';

type Show = 'active' | 'offered' | 'all';

interface Values {
  patient: PickedPatient | null;
  type_id: string | null;
  provider_id: string | null;
  location_id: string | null;
  time_of_day: TimeOfDay;
  weekdays: string[];
  earliest_date: string | null;
  latest_date: string | null;
  note: string;
}

function EntryDialog({ entry, onClose }: { entry: WaitlistEntry | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const types = useTypesAll();
  const providers = useProvidersAll();
  const locations = useLocationsAll();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      patient: entry ? { id: entry.patient_id, name: entry.patient.name, mrn: entry.patient.mrn, birth_date: entry.patient.birth_date } : null,
      type_id: entry ? String(entry.type_id) : null,
      provider_id: entry?.provider_id ? String(entry.provider_id) : 'any',
      location_id: entry?.location_id ? String(entry.location_id) : 'any',
      time_of_day: entry?.time_of_day ?? 'any',
      weekdays: entry?.weekdays ? entry.weekdays.split(',').filter(Boolean) : [],
      earliest_date: entry?.earliest_date ?? null,
      latest_date: entry?.latest_date ?? null,
      note: entry?.note ?? '',
    },
    validate: {
      patient: (v) => (!v ? 'Choose the patient' : null),
      type_id: (v) => (!v ? 'Choose the appointment type' : null),
      latest_date: (v, all) => (v && all.earliest_date && v < all.earliest_date ? 'Latest date is before the earliest date' : null),
    },
  });
  const values = form.values;
  const typeId = values.type_id ? Number(values.type_id) : null;
  const type = (types.data ?? []).find((t) => t.id === typeId);
  const providerData = [
    { value: 'any', label: 'Any provider' },
    ...(providers.data ?? [])
      .filter((p) => p.active && (!type || type.provider_ids.includes(p.id)))
      .map((p) => ({ value: String(p.id), label: providerName(p) })),
  ];
  const submit = form.onSubmit(async (v) => {
    setError(null);
    const body = {
      type_id: Number(v.type_id),
      provider_id: v.provider_id && v.provider_id !== 'any' ? Number(v.provider_id) : null,
      location_id: v.location_id && v.location_id !== 'any' ? Number(v.location_id) : null,
      time_of_day: v.time_of_day,
      weekdays: v.weekdays.length ? WEEKDAYS.map((w) => w.value).filter((d) => v.weekdays.includes(d)).join(',') : null,
      earliest_date: v.earliest_date || null,
      latest_date: v.latest_date || null,
      note: v.note.trim() || null,
    };
    try {
      if (entry) await api.patch(`/waitlist/${entry.id}`, { version: entry.version, ...body });
      else await api.post('/waitlist', { patient_id: v.patient!.id, ...body });
      void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
      notifications.show({ color: 'teal', message: entry ? 'Waitlist entry saved.' : `${v.patient!.name} added to the waitlist.` });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') {
        setError('Someone else changed this entry meanwhile. Your edits are still here; close and reopen to see theirs, then re-apply.');
        void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
        return;
      }
      setError(submitError(form, e));
    }
  });
  return (
    <FormDialog
      title={entry ? `Waitlist: ${entry.patient.name}` : 'Add to waitlist'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={entry ? 'Save' : 'Add to waitlist'}
      submitting={form.submitting}
    >
      {entry ? (
        <Text size="sm">
          {entry.patient.name} · MRN <span className="mono">{entry.patient.mrn}</span>
        </Text>
      ) : (
        <PatientPicker value={values.patient} onChange={(p) => form.setFieldValue('patient', p)} required autoFocus error={form.errors.patient} />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Appointment type"
          required
          allowDeselect={false}
          data={(types.data ?? []).filter((t) => t.active || t.id === typeId).map((t) => ({ value: String(t.id), label: `${t.name} · ${t.duration_min} min` }))}
          {...form.getInputProps('type_id')}
        />
        <Select label="Provider" allowDeselect={false} data={providerData} {...form.getInputProps('provider_id')} />
        <Select
          label="Location"
          allowDeselect={false}
          data={[{ value: 'any', label: 'Any location' }, ...(locations.data ?? []).filter((l) => l.active).map((l) => ({ value: String(l.id), label: l.name }))]}
          {...form.getInputProps('location_id')}
        />
        <Select
          label="Time of day"
          allowDeselect={false}
          data={Object.entries(TIME_OF_DAY_LABELS).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('time_of_day')}
        />
        <DateInput label="Earliest date" clearable {...DATE_INPUT_PROPS} {...form.getInputProps('earliest_date')} />
        <DateInput label="Latest date" clearable {...DATE_INPUT_PROPS} {...form.getInputProps('latest_date')} />
      </SimpleGrid>
      <WeekdayPicker id="wl-days" label="Days (none chosen: any day)" value={values.weekdays} onChange={(v) => form.setFieldValue('weekdays', v)} />
      <Textarea label="Note" autosize minRows={2} maxLength={300} {...form.getInputProps('note')} />
    </FormDialog>
  );
}

export function WaitlistPage() {
  const session = useSession();
  const canWrite = session.can('schedule.write');
  const queryClient = useQueryClient();
  const types = useTypesAll();
  const providers = useProvidersAll();
  const locations = useLocationsAll();
  const [show, setShow] = useState<Show>('active');
  const [editing, setEditing] = useState<WaitlistEntry | 'new' | null>(null);
  const [booking, setBooking] = useState<{ entry: WaitlistEntry; defaults: BookingDefaults } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['waitlist', 'all'], queryFn: ({ signal }) => getAll<WaitlistEntry>('/waitlist', {}, signal), refetchInterval: 60_000 });
  const items = useMemo(() => list.data ?? [], [list.data]);
  const shown = items.filter((e) => (show === 'all' ? true : show === 'offered' ? e.status === 'offered' : e.status === 'waiting' || e.status === 'offered'));
  const offeredCount = items.filter((e) => e.status === 'offered').length;

  const tzOf = (e: WaitlistEntry) =>
    (locations.data ?? []).find((l) => l.id === e.location_id)?.time_zone ?? (locations.data ?? []).find((l) => l.active)?.time_zone ?? 'UTC';
  const providerLabel = (id: number | null) => (id ? providerName((providers.data ?? []).find((p) => p.id === id)) : 'Any provider');

  const setStatus = async (e: WaitlistEntry, status: WaitlistStatus, extra: Record<string, unknown> = {}) => {
    setError(null);
    try {
      await api.patch(`/waitlist/${e.id}`, { version: e.version, status, ...extra });
      void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
      notifications.show({ color: 'teal', message: `${e.patient.name}: ${WAITLIST_STATUS[status].label.toLowerCase()}.` });
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'version-conflict'
          ? `Someone else changed ${e.patient.name}’s entry meanwhile; the list has been refreshed.`
          : `${e.patient.name}: ${errorMessage(err)}`,
      );
      void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
    }
  };

  const book = (e: WaitlistEntry) => {
    const tz = tzOf(e);
    setBooking({
      entry: e,
      defaults: {
        patient: { id: e.patient_id, name: e.patient.name, mrn: e.patient.mrn, birth_date: e.patient.birth_date },
        typeId: e.type_id,
        providerId: e.offered_provider_id ?? e.provider_id,
        locationId: e.location_id ?? (locations.data ?? []).find((l) => l.active)?.id ?? null,
        start: e.status === 'offered' && e.offered_start ? wallOf(e.offered_start, tz) : null,
        note: e.note ?? '',
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Waitlist"
        description="Patients who want a sooner or particular time. A cancellation offers its time to the first matching patient; offered entries are highlighted."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              Add to waitlist
            </Button>
          ) : null
        }
      />
      <Paper p="md">
        <Group justify="space-between" mb="sm">
          <SegmentedControl
            aria-label="Show"
            value={show}
            onChange={(v) => setShow(v as Show)}
            data={[
              { value: 'active', label: 'Waiting and offered' },
              { value: 'offered', label: `Offered (${offeredCount})` },
              { value: 'all', label: 'All' },
            ]}
          />
        </Group>
        <ErrorAlert error={error} />
        {list.isError ? (
          <QueryState error={list.error} retry={() => void list.refetch()} />
        ) : (
          <DataTable<WaitlistEntry>
            aria-label="Waitlist"
            withTableBorder
            borderRadius="sm"
            striped
            mt={error ? 'sm' : 0}
            minHeight={shown.length ? undefined : 160}
            fetching={list.isLoading}
            records={shown}
            idAccessor="id"
            noRecordsText={show === 'offered' ? 'No offers open' : 'Nobody is waiting'}
            rowClassName={(e) => (e.status === 'offered' ? 'row-offered' : undefined)}
            columns={[
              {
                accessor: 'patient',
                title: 'Patient',
                render: (e) => (
                  <>
                    {session.can('patient.read') ? (
                      <Anchor component={Link} to={`/patients/${e.patient_id}`} size="sm" fw={500}>
                        {e.patient.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" fw={500}>
                        {e.patient.name}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {e.patient.birth_date ? <>{formatDate(e.patient.birth_date)} · </> : null}MRN <span className="mono">{e.patient.mrn}</span>
                    </Text>
                  </>
                ),
              },
              {
                accessor: 'type_id',
                title: 'Wants',
                render: (e) => {
                  const t = (types.data ?? []).find((x) => x.id === e.type_id);
                  const loc = (locations.data ?? []).find((l) => l.id === e.location_id);
                  return (
                    <>
                      <Group gap={6} wrap="nowrap">
                        {t ? <ColorSwatch color={t.color} size={10} aria-hidden /> : null}
                        <Text size="sm">{t?.name ?? `Type #${e.type_id}`}</Text>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {providerLabel(e.provider_id)}
                        {loc ? ` · ${loc.name}` : ''}
                      </Text>
                    </>
                  );
                },
              },
              {
                accessor: 'time_of_day',
                title: 'When',
                render: (e) => (
                  <>
                    <Text size="sm">
                      {TIME_OF_DAY_LABELS[e.time_of_day]?.replace(/ \(.*\)$/, '') ?? e.time_of_day}
                      {e.weekdays ? ` · ${formatWeekdays(e.weekdays.split(','))}` : ''}
                    </Text>
                    {e.earliest_date || e.latest_date ? (
                      <Text size="xs" c="dimmed">
                        {e.earliest_date ? `from ${formatDate(e.earliest_date)}` : ''} {e.latest_date ? `until ${formatDate(e.latest_date)}` : ''}
                      </Text>
                    ) : null}
                  </>
                ),
              },
              {
                accessor: 'status',
                title: 'Status',
                width: 170,
                render: (e) => (
                  <>
                    <StatusBadge status={e.status} map={WAITLIST_STATUS} />
                    {e.status === 'offered' && e.offered_start ? (
                      <Text size="xs" fw={600} mt={2} data-testid={`offered-${e.id}`}>
                        {formatWall(wallOf(e.offered_start, tzOf(e)))}
                        <br />
                        with {providerLabel(e.offered_provider_id)}
                      </Text>
                    ) : null}
                  </>
                ),
              },
              {
                accessor: 'note',
                title: 'Note',
                render: (e) => (
                  <>
                    <Text size="sm" lineClamp={2}>
                      {e.note}
                    </Text>
                    <Text size="xs" c="dimmed">
                      added {formatDate(e.created_at)}
                    </Text>
                  </>
                ),
              },
              {
                accessor: 'actions',
                title: <span className="visually-hidden">Actions</span>,
                textAlign: 'right',
                width: 200,
                render: (e) =>
                  canWrite ? (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      {e.status === 'offered' || e.status === 'waiting' ? (
                        <Button size="compact-sm" variant={e.status === 'offered' ? 'filled' : 'light'} onClick={() => book(e)} aria-label={`${e.status === 'offered' ? 'Book offered time' : 'Book'}: ${e.patient.name}`}>
                          {e.status === 'offered' ? 'Book' : 'Book…'}
                        </Button>
                      ) : null}
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={`More for ${e.patient.name}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing(e)}>Edit wishes…</Menu.Item>
                          {e.status !== 'waiting' ? <Menu.Item onClick={() => void setStatus(e, 'waiting')}>{e.status === 'offered' ? 'Declined: back to waiting' : 'Back to waiting'}</Menu.Item> : null}
                          {e.status !== 'booked' ? <Menu.Item onClick={() => void setStatus(e, 'booked')}>Mark as booked</Menu.Item> : null}
                          {e.status !== 'removed' ? (
                            <Menu.Item color="red" onClick={() => void setStatus(e, 'removed')}>
                              Remove from waitlist
                            </Menu.Item>
                          ) : null}
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  ) : null,
              },
            ]}
          />
        )}
      </Paper>
      {editing ? <EntryDialog entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {booking ? (
        <BookingDialog
          title={`Book from the waitlist: ${booking.entry.patient.name}`}
          defaults={booking.defaults}
          onClose={() => setBooking(null)}
          onBooked={() => {
            // Booking the patient for the type meets their waitlist wish on the server.
            void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
          }}
        />
      ) : null}
    </>
  );
}
