// The front desk's calendar: a provider's day or week, or every provider side by
// side for a day, in the location's time. Click open time to book, drag an
// appointment to move it, click one for its details, steps and cancellation.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Kbd,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQueries, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { IconCalendarPlus, IconChevronLeft, IconChevronRight, IconRefresh } from '@tabler/icons-react';
import { api, errorMessage } from '../../lib/api';
import {
  getAll,
  isOutsideAvailability,
  offeredSentence,
  providerName,
  scheduleErrorMessage,
  typesOf,
  useLocationsAll,
  useProvidersAll,
  useTypesAll,
  type Appointment,
  type AppointmentType,
  type MoveResult,
  type Slot,
} from '../../lib/schedule';
import { useSession } from '../../lib/session';
import { APPOINTMENT_STATUS } from '../../lib/status';
import type { Page, Provider } from '../../lib/types';
import { addDays, dayStart, formatLongDay, formatWall, instantOf, todayIn, wallOf, weekStart, zoneAbbrev } from '../../lib/zone';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { AppointmentDrawer } from '../../components/schedule/AppointmentDrawer';
import { BookingDialog, type BookingDefaults } from '../../components/schedule/BookingDialog';
import { ScheduleCalendar, type CalendarView, type MoveRequest, type OpenSpan } from '../../components/schedule/ScheduleCalendar';
import { useUrlParams } from '../../lib/params';

/** The type whose open times stand for "open time" of a provider: the shortest one offered. */
function probeType(types: AppointmentType[], providerId: number): AppointmentType | undefined {
  return typesOf(types, providerId).sort((a, b) => a.duration_min - b.duration_min || a.slot_step_min - b.slot_step_min)[0];
}

async function fetchSlots(q: { type_id: number; provider_id: number; location_id: number; from: string; to: string }, signal?: AbortSignal): Promise<Slot[]> {
  const out: Slot[] = [];
  let from = q.from;
  for (let i = 0; i < 15; i++) {
    const r = await api.get<Page<Slot>>('/availability', { ...q, from, limit: 200 }, signal);
    out.push(...r.items);
    if (!r.next_cursor || Date.parse(r.next_cursor) >= Date.parse(q.to)) break;
    from = r.next_cursor;
  }
  return out;
}

/** Open slots → spans of open time (wall time), split at midnight. */
function toSpans(slots: Slot[], providerId: number, tz: string): OpenSpan[] {
  const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const merged: { a: number; b: number }[] = [];
  for (const s of sorted) {
    const a = Date.parse(s.start),
      b = Date.parse(s.end);
    const last = merged[merged.length - 1];
    if (last && a <= last.b) last.b = Math.max(last.b, b);
    else merged.push({ a, b });
  }
  const out: OpenSpan[] = [];
  for (const m of merged) {
    let start = wallOf(new Date(m.a).toISOString(), tz);
    const end = wallOf(new Date(m.b).toISOString(), tz);
    while (start.slice(0, 10) < end.slice(0, 10)) {
      const midnight = `${addDays(start.slice(0, 10), 1)}T00:00:00`;
      out.push({ providerId, start, end: midnight });
      start = midnight;
    }
    if (start < end) out.push({ providerId, start, end });
  }
  return out;
}

/** The open time of every provider shown, as one list whose identity changes only when a
 *  query's result does: a new list makes FullCalendar render every event again (TanStack
 *  Query keeps a module-level combine's result across renders). */
function combineOpenTimes(results: UseQueryResult<OpenSpan[]>[]) {
  return {
    spans: results.flatMap((q) => q.data ?? []),
    error: results.find((q) => q.isError)?.error,
    fetching: results.some((q) => q.isFetching),
  };
}

const VIEWS: { value: CalendarView; label: string }[] = [
  { value: 'providers', label: 'All providers' },
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
];

interface Banner {
  message: string;
  /** A move refused for being outside availability, which this user may override. */
  override?: MoveRequest;
}

export function CalendarPage() {
  const session = useSession();
  const canWrite = session.can('schedule.write');
  const canOverride = session.can('schedule.override');
  const queryClient = useQueryClient();
  const [params, set] = useUrlParams();
  const locations = useLocationsAll();
  const providers = useProvidersAll();
  const types = useTypesAll();

  const activeLocations = useMemo(() => (locations.data ?? []).filter((l) => l.active), [locations.data]);
  const locationId = Number(params.get('location')) || activeLocations[0]?.id || null;
  const location = (locations.data ?? []).find((l) => l.id === locationId);
  const tz = location?.time_zone ?? 'UTC';

  // Providers who can be booked: active and offering at least one active type.
  const bookable = useMemo(
    () => (providers.data ?? []).filter((p) => p.active && typesOf(types.data ?? [], p.id).length > 0),
    [providers.data, types.data],
  );
  const view = (VIEWS.some((v) => v.value === params.get('view')) ? params.get('view') : bookable.length > 1 ? 'providers' : 'day') as CalendarView;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : location ? todayIn(tz) : null;
  const providerId = Number(params.get('provider')) || bookable[0]?.id || null;
  const chosen = (params.get('providers') ?? '').split(',').filter(Boolean).map(Number);
  const showCancelled = params.get('cancelled') === '1';

  const shown: Provider[] = useMemo(() => {
    if (view === 'providers') {
      const pick = chosen.length ? bookable.filter((p) => chosen.includes(p.id)) : bookable;
      return pick.length ? pick : bookable;
    }
    const p = (providers.data ?? []).find((x) => x.id === providerId);
    return p ? [p] : [];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, bookable, providers.data, providerId, params.get('providers')]);


  // The visible range of local days.
  const from = date ? (view === 'week' ? weekStart(date) : date) : null;
  const to = from ? addDays(from, view === 'week' ? 7 : 1) : null;
  const rangeQuery = {
    from: from ? dayStart(from, tz) : '',
    to: to ? dayStart(to, tz) : '',
    location_id: locationId ?? '',
    provider_id: view === 'providers' ? '' : (providerId ?? ''),
  };
  const appts = useQuery({
    queryKey: ['appointments', 'calendar', rangeQuery],
    queryFn: ({ signal }) => getAll<Appointment>('/appointments', rangeQuery, signal),
    enabled: Boolean(location && from && (view === 'providers' || providerId)),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    staleTime: 15_000,
  });
  const visibleAppts = useMemo(() => {
    const all = appts.data ?? [];
    return showCancelled ? all : all.filter((a) => a.status !== 'cancelled');
  }, [appts.data, showCancelled]);

  const openTimes = useQueries({
    combine: combineOpenTimes,
    queries: shown.map((p) => {
      const t = probeType(types.data ?? [], p.id);
      const q = { type_id: t?.id ?? 0, provider_id: p.id, location_id: locationId ?? 0, from: rangeQuery.from, to: rangeQuery.to };
      return {
        queryKey: ['availability', 'spans', q],
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchSlots(q, signal).then((s) => toSpans(s, p.id, tz)),
        enabled: Boolean(t && locationId && rangeQuery.from),
        staleTime: 30_000,
        refetchInterval: 120_000,
        placeholderData: keepPreviousData,
      };
    }),
  });
  const { spans: openSpans, error: openError, fetching: openFetching } = openTimes;

  const [booking, setBooking] = useState<BookingDefaults | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [overrideFor, setOverrideFor] = useState<MoveRequest | null>(null);

  const find = useCallback((id: number) => (appts.data ?? []).find((a) => a.id === id) ?? null, [appts.data]);
  const providerLabel = (id: number) => providerName((providers.data ?? []).find((p) => p.id === id));

  const go = (days: number) => {
    if (!date) return;
    set({ date: addDays(date, view === 'week' ? days * 7 : days) });
  };
  const today = () => set({ date: todayIn(tz) });
  useHotkeys([
    ['T', today],
    ['ArrowLeft', () => go(-1)],
    ['ArrowRight', () => go(1)],
    ['N', () => canWrite && setBooking({ providerId: view === 'providers' ? null : providerId, locationId, start: null })],
  ]);

  // Leave no stale banner when the day or view changes.
  useEffect(() => setBanner(null), [date, view, providerId, locationId]);

  const putInCache = (a: Appointment) =>
    queryClient.setQueriesData<Appointment[]>({ queryKey: ['appointments', 'calendar'] }, (old) => old?.map((x) => (x.id === a.id ? a : x)));

  const move = async (m: MoveRequest, override?: string) => {
    setBanner(null);
    const body: Record<string, unknown> = { version: m.appt.version, start: instantOf(m.start, tz) };
    if (m.providerId !== m.appt.provider_id) body.provider_id = m.providerId;
    if (override) {
      body.override = true;
      body.override_reason = override;
    }
    const before = { start: m.appt.start, provider_id: m.appt.provider_id };
    try {
      const a = await api.patch<MoveResult>(`/appointments/${m.appt.id}`, body);
      const offered = offeredSentence(a.waitlist_matches, 'The time it left');
      putInCache(a);
      void queryClient.invalidateQueries({ queryKey: ['appointments'] });
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      void queryClient.invalidateQueries({ queryKey: ['appointment', a.id] });
      if (offered) void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
      const id = `moved-${a.id}-${a.version}`;
      notifications.show({
        id,
        color: 'teal',
        title: 'Appointment moved',
        autoClose: offered ? 12_000 : 8000,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm">
              {a.patient.name} · {formatWall(wallOf(a.start, tz))}
              {body.provider_id ? ` with ${providerLabel(a.provider_id)}` : ''}
              {offered ? (
                <>
                  <br />
                  {offered}
                </>
              ) : null}
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              style={{ flex: 'none' }}
              onClick={() => {
                notifications.hide(id);
                void move({ appt: a, providerId: before.provider_id, start: wallOf(before.start, tz), revert: () => undefined });
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
    } catch (e) {
      m.revert();
      const what = `Could not move ${m.appt.patient.name} to ${formatWall(m.start)}`;
      const why = scheduleErrorMessage(e, { tz, providerLabel: providerLabel(m.providerId), find });
      setBanner({
        message: `${what}. ${why} The appointment stays at ${formatWall(wallOf(m.appt.start, tz))}.`,
        override: isOutsideAvailability(e) && canOverride ? m : undefined,
      });
      void queryClient.invalidateQueries({ queryKey: ['appointments'] });
    }
  };

  const locationData = (locations.data ?? [])
    .filter((l) => l.active || l.id === locationId)
    .map((l) => ({ value: String(l.id), label: l.name }));
  const providerData = (providers.data ?? [])
    .filter((p) => p.active || p.id === providerId)
    .map((p) => ({ value: String(p.id), label: providerName(p) }));

  const loading = locations.isLoading || providers.isLoading || types.isLoading;
  const loadError = locations.error || providers.error || types.error;

  let title = 'Calendar';
  if (date) title = view === 'week' ? `Week of ${formatLongDay(weekStart(date))}` : formatLongDay(date);

  const noSetup = !loading && !loadError && (activeLocations.length === 0 || bookable.length === 0);

  return (
    <>
      <PageHeader
        title={title}
        description={location ? `${location.name} · times in ${tz} (${zoneAbbrev(tz)})` : 'The practice’s appointments'}
        actions={
          canWrite ? (
            <Button leftSection={<IconCalendarPlus size={16} />} onClick={() => setBooking({ providerId: view === 'providers' ? null : providerId, locationId, start: null })} disabled={!location}>
              Book appointment
            </Button>
          ) : null
        }
      />
      {loading ? <QueryState isLoading /> : null}
      {loadError ? <QueryState error={loadError} /> : null}
      {noSetup ? (
        <Alert color="blue" title="Nothing to schedule yet">
          {activeLocations.length === 0
            ? 'Add a location first (Admin → Locations).'
            : 'No active provider offers an appointment type yet. A practice manager sets these up in Scheduling → Schedule setup.'}
        </Alert>
      ) : null}
      {!loading && !loadError && !noSetup && date ? (
        <Stack gap="sm">
          <Paper p="xs">
            <Group gap="sm" wrap="wrap" align="flex-end">
              <Group gap={4} wrap="nowrap">
                <Button variant="default" onClick={today}>
                  Today
                </Button>
                <Tooltip label={view === 'week' ? 'Previous week' : 'Previous day'}>
                  <ActionIcon variant="default" size="lg" aria-label={view === 'week' ? 'Previous week' : 'Previous day'} onClick={() => go(-1)}>
                    <IconChevronLeft size={18} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label={view === 'week' ? 'Next week' : 'Next day'}>
                  <ActionIcon variant="default" size="lg" aria-label={view === 'week' ? 'Next week' : 'Next day'} onClick={() => go(1)}>
                    <IconChevronRight size={18} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              <DatePickerInput
                aria-label="Date"
                value={date}
                onChange={(v) => v && set({ date: String(v).slice(0, 10) })}
                valueFormat="ddd MM/DD/YYYY"
                w={150}
              />
              <SegmentedControl
                aria-label="View"
                value={view}
                onChange={(v) => set({ view: v })}
                data={VIEWS}
              />
              {view === 'providers' ? (
                <MultiSelect
                  aria-label="Providers shown"
                  placeholder={chosen.length ? undefined : 'All providers'}
                  data={bookable.map((p) => ({ value: String(p.id), label: providerName(p) }))}
                  value={chosen.map(String)}
                  onChange={(v) => set({ providers: v.join(',') })}
                  clearable
                  w={240}
                  maxValues={12}
                />
              ) : (
                <Select
                  aria-label="Provider"
                  data={providerData}
                  value={providerId ? String(providerId) : null}
                  onChange={(v) => set({ provider: v })}
                  allowDeselect={false}
                  searchable
                  w={220}
                />
              )}
              {locationData.length > 1 ? (
                <Select aria-label="Location" data={locationData} value={locationId ? String(locationId) : null} onChange={(v) => set({ location: v })} allowDeselect={false} w={180} />
              ) : null}
              <Switch label="Show cancelled" checked={showCancelled} onChange={(e) => set({ cancelled: e.currentTarget.checked ? '1' : null })} />
              <Tooltip label="Refresh">
                <ActionIcon
                  variant="subtle"
                  size="lg"
                  aria-label="Refresh"
                  loading={appts.isFetching}
                  onClick={() => {
                    void queryClient.invalidateQueries({ queryKey: ['appointments'] });
                    void queryClient.invalidateQueries({ queryKey: ['availability'] });
                  }}
                >
                  <IconRefresh size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Paper>
          {banner ? (
            <Alert color="red" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => setBanner(null)} data-testid="schedule-banner">
              <Text size="sm">{banner.message}</Text>
              {banner.override ? (
                <Button mt="xs" size="xs" variant="light" color="orange" onClick={() => setOverrideFor(banner.override!)}>
                  Move anyway (override)…
                </Button>
              ) : null}
            </Alert>
          ) : null}
          {appts.isError ? <QueryState error={appts.error} retry={() => void appts.refetch()} /> : null}
          {openError ? (
            <Alert color="orange" p="xs">
              Open times could not be loaded: {errorMessage(openError)}
            </Alert>
          ) : null}
          <Group justify="space-between" gap="xs">
            <Legend />
            <Text size="xs" c="dimmed" visibleFrom="lg">
              Keys: <Kbd size="xs">T</Kbd> today · <Kbd size="xs">←</Kbd> <Kbd size="xs">→</Kbd> previous / next · <Kbd size="xs">N</Kbd> new booking
            </Text>
          </Group>
          <Paper p={0} style={{ overflow: 'hidden' }}>
            <ScheduleCalendar
              view={view}
              date={date}
              providers={shown}
              appointments={visibleAppts}
              open={openSpans}
              canWrite={canWrite}
              tz={tz}
              height="max(520px, calc(100dvh - 300px))"
              busy={appts.isFetching || openFetching}
              onPickSlot={(p) => setBooking({ providerId: p.providerId, locationId, start: p.start })}
              onOpenAppointment={(a) => setOpenId(a.id)}
              onMove={(m) => void move(m)}
              allowMove={(a, pid) => pid === a.provider_id || typesOf(types.data ?? [], pid).some((t) => t.id === a.type_id)}
            />
          </Paper>
        </Stack>
      ) : null}
      {booking ? (
        <BookingDialog
          defaults={booking}
          find={find}
          onClose={() => setBooking(null)}
          onBooked={(a) => {
            queryClient.setQueriesData<Appointment[]>({ queryKey: ['appointments', 'calendar'] }, (old) => (old && !old.some((x) => x.id === a.id) ? [...old, a] : old));
          }}
        />
      ) : null}
      <AppointmentDrawer appointmentId={openId} onClose={() => setOpenId(null)} find={find} />
      {overrideFor ? (
        <OverrideMove
          move={overrideFor}
          tz={tz}
          onClose={() => setOverrideFor(null)}
          onConfirm={async (reason) => {
            setOverrideFor(null);
            await move(overrideFor, reason);
          }}
        />
      ) : null}
    </>
  );
}

function Legend() {
  const items: { label: string; className: string }[] = [
    { label: 'Open time', className: 'legend-swatch legend-open' },
    { label: 'Booked', className: 'legend-swatch legend-booked' },
    { label: `${APPOINTMENT_STATUS.arrived.label} / in clinic`, className: 'legend-swatch legend-arrived' },
    { label: 'High no-show risk', className: 'legend-swatch legend-risk' },
    { label: 'Overbooked', className: 'legend-swatch legend-overbook' },
    { label: APPOINTMENT_STATUS.no_show.label, className: 'legend-swatch legend-noshow' },
    { label: APPOINTMENT_STATUS.cancelled.label, className: 'legend-swatch legend-cancelled' },
  ];
  return (
    <Group gap="md" aria-label="Legend" role="list">
      {items.map((i) => (
        <Group key={i.label} gap={6} role="listitem" wrap="nowrap">
          <span className={i.className} aria-hidden />
          <Text size="xs" c="dimmed">
            {i.label}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

function OverrideMove({ move, tz, onClose, onConfirm }: { move: MoveRequest; tz: string; onClose: () => void; onConfirm: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened onClose={onClose} title="Move outside availability?">
      <Stack>
        <Text size="sm">
          {move.appt.patient.name} will be moved to {formatWall(move.start)} ({tz}), outside the provider’s availability. The reason is kept in the audit trail.
        </Text>
        <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={err} maxLength={200} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="orange"
            loading={busy}
            onClick={async () => {
              if (!reason.trim()) {
                setErr('Say why');
                return;
              }
              setBusy(true);
              await onConfirm(reason.trim());
              setBusy(false);
            }}
          >
            Move anyway
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

