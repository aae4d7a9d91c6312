// One appointment: who, when, what; the steps allowed next; reschedule, cancel;
// its note and its history. Opens from the calendar, the board and the waitlist.
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  ColorSwatch,
  Divider,
  Drawer,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCalendarPlus, IconCalendarTime, IconPencil, IconX } from '@tabler/icons-react';
import { api, errorMessage } from '../../lib/api';
import { DATE_INPUT_PROPS, formatBirthDate, formatDateTime } from '../../lib/format';
import type { User } from '../../lib/types';
import {
  CHANNEL_LABELS,
  formatHoursBefore,
  formatRiskScore,
  getAll,
  isMovable,
  mayOverbook,
  isOutsideAvailability,
  nextSteps,
  offeredSentence,
  providerName,
  RISK_LEVEL,
  scheduleErrorMessage,
  typesOf,
  useLocationsAll,
  useProvidersAll,
  useScheduleSettings,
  useTypesAll,
  type Appointment,
  type AppointmentDetail,
  type AppointmentEvent,
  type AppointmentStatus,
  type MoveResult,
  type Reminder,
} from '../../lib/schedule';
import { useSession } from '../../lib/session';
import { APPOINTMENT_STATUS, REMINDER_STATUS } from '../../lib/status';
import { formatRange, formatTime, formatWall, instantOf, wallOf } from '../../lib/zone';
import { QueryState } from '../QueryState';
import { StatusBadge } from '../StatusBadge';
import { BookingDialog } from './BookingDialog';
import { CancelDialog } from './CancelDialog';
import { OpenTimes, useOpenTimes } from './OpenTimes';

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <>
      <dt>{label}</dt>
      <dd>{empty ? <Text span c="dimmed" size="sm">—</Text> : children}</dd>
    </>
  );
}

export function invalidateSchedule(queryClient: ReturnType<typeof useQueryClient>, id?: number) {
  void queryClient.invalidateQueries({ queryKey: ['appointments'] });
  void queryClient.invalidateQueries({ queryKey: ['availability'] });
  void queryClient.invalidateQueries({ queryKey: ['board'] });
  if (id) void queryClient.invalidateQueries({ queryKey: ['appointment', id] });
}

/** Moves an appointment to its next status; answers the updated appointment. */
export async function stepAppointment(a: Pick<Appointment, 'id'>, to: AppointmentStatus): Promise<Appointment> {
  return api.post<Appointment>(`/appointments/${a.id}/status`, { status: to });
}

function historyLine(h: AppointmentEvent, tz: string): string {
  const to = APPOINTMENT_STATUS[h.to_status]?.label ?? h.to_status;
  if (h.to_status === 'rescheduled') return h.from_start ? `Rescheduled from ${formatWall(wallOf(h.from_start, tz))}` : 'Rescheduled';
  if (!h.from_status) return to === 'Booked' ? 'Booked' : to;
  return `${APPOINTMENT_STATUS[h.from_status]?.label ?? h.from_status} \u2192 ${to}`;
}

/**
 * "by you", "by Dana Smith", "by the patient" (through a reminder link), or "" when the
 * server does not say. `who` names a user id where the server gives no name.
 */
export function actedBy(h: AppointmentEvent, meId: number | undefined, who: (id: number) => string): string {
  if (h.user_id !== null && h.user_id !== undefined) {
    if (h.user_id === meId) return 'by you';
    return `by ${h.user_name || who(h.user_id)}`;
  }
  // No user: the patient, through the link in a reminder (older servers send no user_name).
  if ('user_name' in h || /patient|reminder/i.test(h.reason ?? '')) return 'by the patient';
  return '';
}

function NoShowRiskPanel({ appt, onOverbook, canOverbook }: { appt: AppointmentDetail; onOverbook: () => void; canOverbook: boolean }) {
  const session = useSession();
  const risk = appt.no_show_risk;
  if (!risk) return null;
  const level = RISK_LEVEL[risk.level];
  const blockedHint =
    risk.level === 'high' && !canOverbook && session.can('schedule.write') && !appt.overbook && Date.parse(appt.end) > Date.now()
      ? 'Overbooking this slot needs a practice manager, unless the practice allows the desk to overbook high-risk slots (Schedule setup \u2192 Reminders).'
      : null;
  return (
    <Paper
      p="sm"
      bg={risk.level === 'high' ? 'red.0' : risk.level === 'medium' ? 'yellow.0' : 'gray.0'}
      data-testid="no-show-risk"
      aria-labelledby="no-show-risk-title"
    >
      <Group gap="xs" mb={4} wrap="nowrap">
        {risk.level !== 'low' ? <IconAlertTriangle size={16} aria-hidden color={risk.level === 'high' ? 'var(--mantine-color-red-9)' : 'var(--mantine-color-yellow-9)'} /> : null}
        <Text size="sm" fw={600} id="no-show-risk-title">
          {level.label}: about {formatRiskScore(risk.score)}
        </Text>
      </Group>
      {risk.reasons.length ? (
        <>
          <Text size="xs" c="dimmed">
            Why:
          </Text>
          <List size="sm" spacing={2} withPadding>
            {risk.reasons.map((r) => (
              <List.Item key={r}>{r.charAt(0).toUpperCase() + r.slice(1)}</List.Item>
            ))}
          </List>
        </>
      ) : null}
      {canOverbook ? (
        <Button mt="xs" size="xs" variant="light" color="orange" leftSection={<IconCalendarPlus size={14} />} onClick={onOverbook}>
          Overbook this slot
        </Button>
      ) : blockedHint ? (
        <Text size="xs" c="dimmed" mt={6}>
          {blockedHint}
        </Text>
      ) : null}
    </Paper>
  );
}

function ReminderList({ appointmentId, tz }: { appointmentId: number; tz: string }) {
  const q = useQuery({
    queryKey: ['appointment', appointmentId, 'reminders'],
    queryFn: ({ signal }) => api.get<{ items: Reminder[] }>(`/appointments/${appointmentId}/reminders`, undefined, signal),
    staleTime: 15_000,
  });
  const items = q.data?.items ?? [];
  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        Reminders
      </Title>
      {q.isLoading ? (
        <Skeleton h={40} />
      ) : q.isError ? (
        <Text size="sm" c="red.8">
          Reminders could not be loaded: {errorMessage(q.error)}
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet. Reminders are planned within a day of when they are due, by the practice’s reminder rules.
        </Text>
      ) : (
        <Stack gap={6} data-testid="appointment-reminders">
          {items.map((r) => {
            const retrying = r.status === 'pending' && r.attempts > 0;
            const st = retrying ? { label: 'Retrying', color: 'orange' } : (REMINDER_STATUS[r.status] ?? { label: r.status, color: 'gray' });
            return (
              <Paper key={r.id} p={6} px="xs">
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {CHANNEL_LABELS[r.channel] ?? r.channel} · {formatHoursBefore(r.hours_before)}
                  </Text>
                  <Badge color={st.color} size="sm">
                    {st.label}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {r.status === 'sent' && r.sent_at
                    ? `Sent ${formatDateTime(r.sent_at, tz)}`
                    : r.status === 'pending' || r.status === 'sending'
                      ? `${retrying ? 'Next try' : 'Due'} ${formatDateTime(r.next_attempt, tz)}`
                      : null}
                  {r.attempts > 1 || (r.attempts === 1 && r.status !== 'sent') ? ` · ${r.attempts} ${r.attempts === 1 ? 'attempt' : 'attempts'}` : ''}
                </Text>
                {r.outcome && r.outcome.toLowerCase() !== r.status ? <Text size="xs">{r.outcome.charAt(0).toUpperCase() + r.outcome.slice(1)}</Text> : null}
              </Paper>
            );
          })}
        </Stack>
      )}
    </div>
  );
}

function Reschedule({ appt, onDone, find }: { appt: AppointmentDetail; onDone: () => void; find?: (id: number) => Appointment | undefined | null }) {
  const session = useSession();
  const canOverride = session.can('schedule.override');
  const queryClient = useQueryClient();
  const providers = useProvidersAll();
  const types = useTypesAll();
  const tz = appt.time_zone;
  const wall = wallOf(appt.start, tz);
  const [error, setError] = useState<string | null>(null);
  const [outside, setOutside] = useState(false);
  const form = useForm({
    initialValues: { date: wall.slice(0, 10) as string | null, time: wall.slice(11, 16), provider_id: String(appt.provider_id) as string | null, reason: '', override: false, override_reason: '' },
    validate: {
      date: (v) => (!v ? 'Choose the date' : null),
      time: (v) => (!/^\d{2}:\d{2}$/.test(v) ? 'Enter the start time' : null),
      override_reason: (v, all) => (all.override && !v.trim() ? 'Say why this time is outside availability' : null),
    },
  });
  const values = form.values;
  const providerId = values.provider_id ? Number(values.provider_id) : appt.provider_id;
  const open = useOpenTimes({ typeId: appt.type_id, providerId, locationId: appt.location_id, date: values.date, tz });
  const offering = (providers.data ?? []).filter((p) => p.active && typesOf(types.data ?? [], p.id, true).some((t) => t.id === appt.type_id));
  const provider = (providers.data ?? []).find((p) => p.id === providerId);
  const submit = form.onSubmit(async (v) => {
    setError(null);
    const start = instantOf(`${v.date}T${v.time}:00`, tz);
    const body: Record<string, unknown> = { version: appt.version, start };
    if (Number(v.provider_id) !== appt.provider_id) body.provider_id = Number(v.provider_id);
    if (v.reason.trim()) body.reason = v.reason.trim();
    if (v.override) {
      body.override = true;
      body.override_reason = v.override_reason.trim();
    }
    try {
      const a = await api.patch<MoveResult>(`/appointments/${appt.id}`, body);
      invalidateSchedule(queryClient, appt.id);
      void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
      const offered = offeredSentence(a.waitlist_matches, 'The time it left');
      notifications.show({
        color: 'teal',
        title: 'Appointment moved',
        message: `${a.patient.name} · ${formatRange(a.start, a.end, a.time_zone)} with ${a.provider_name}${offered ? `. ${offered}` : ''}`,
      });
      onDone();
    } catch (e) {
      if (isOutsideAvailability(e)) setOutside(true);
      setError(scheduleErrorMessage(e, { tz, providerLabel: providerName(provider) || appt.provider_name, find }));
      invalidateSchedule(queryClient, appt.id);
    }
  });
  return (
    <Paper p="sm" bg="gray.0">
      <form onSubmit={submit} noValidate aria-label="Reschedule">
        <Stack gap="sm">
          <Title order={3} size="h5">
            Reschedule
          </Title>
          {error ? (
            <Alert color="red" role="alert" p="xs">
              {error}
            </Alert>
          ) : null}
          <SimpleGrid cols={2}>
            <DateInput label="New date" required {...DATE_INPUT_PROPS} {...form.getInputProps('date')} />
            <TimeInput label="New start time" required {...form.getInputProps('time')} />
          </SimpleGrid>
          <Select
            label="Provider"
            allowDeselect={false}
            data={offering.map((p) => ({ value: String(p.id), label: providerName(p) }))}
            {...form.getInputProps('provider_id')}
          />
          {open.ready ? (
            <OpenTimes date={values.date!} times={open.times} isLoading={open.isLoading} value={values.time} onChange={(t) => form.setFieldValue('time', t)} cols={4} />
          ) : null}
          <TextInput label="Reason (kept in the history)" maxLength={200} {...form.getInputProps('reason')} />
          {canOverride && (outside || values.override) ? (
            <>
              <Checkbox label="Move outside the provider's availability (override)" {...form.getInputProps('override', { type: 'checkbox' })} />
              {values.override ? <TextInput label="Reason for the override" required maxLength={200} {...form.getInputProps('override_reason')} /> : null}
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Close
            </Button>
            <Button type="submit" loading={form.submitting}>
              Move appointment
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function NoteEditor({ appt, onDone }: { appt: AppointmentDetail; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState(appt.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.patch(`/appointments/${appt.id}`, { version: appt.version, note: note.trim() || null });
      invalidateSchedule(queryClient, appt.id);
      onDone();
    } catch (e) {
      setError(scheduleErrorMessage(e, { tz: appt.time_zone, providerLabel: appt.provider_name }));
      invalidateSchedule(queryClient, appt.id);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      {error ? (
        <Alert color="red" role="alert" p="xs">
          {error} Your text is still here.
        </Alert>
      ) : null}
      <Textarea label="Note" autosize minRows={2} maxRows={6} maxLength={500} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-autofocus />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" size="xs" onClick={onDone}>
          Cancel
        </Button>
        <Button size="xs" onClick={() => void save()} loading={busy}>
          Save note
        </Button>
      </Group>
    </Stack>
  );
}

export function AppointmentDrawer({
  appointmentId,
  onClose,
  find,
}: {
  appointmentId: number | null;
  onClose: () => void;
  find?: (id: number) => Appointment | undefined | null;
}) {
  const session = useSession();
  const canWrite = session.can('schedule.write');
  const queryClient = useQueryClient();
  const locations = useLocationsAll();
  const q = useQuery({
    queryKey: ['appointment', appointmentId],
    queryFn: ({ signal }) => api.get<AppointmentDetail>(`/appointments/${appointmentId}`, undefined, signal),
    enabled: appointmentId !== null,
    staleTime: 0,
  });
  // Who did what: names where this user may read the user list, else "user #id".
  const users = useQuery({
    queryKey: ['users', 'all'],
    queryFn: ({ signal }) => getAll<User>('/users', {}, signal),
    // Only for servers that do not name the user in the history themselves.
    enabled: appointmentId !== null && session.can('user.read') && (q.data?.history ?? []).some((h) => h.user_id && !('user_name' in h)),
    staleTime: 5 * 60_000,
  });
  const who = (id: number) => (users.data ?? []).find((u) => u.id === id)?.display_name ?? `user #${id}`;
  const settings = useScheduleSettings(appointmentId !== null && session.can('schedule.write'));
  const [mode, setMode] = useState<'view' | 'reschedule' | 'note'>('view');
  const [cancelling, setCancelling] = useState(false);
  // The appointment whose slot is being overbooked: the booking dialog outlives the drawer.
  const [overbookOf, setOverbookOf] = useState<AppointmentDetail | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const a = q.data;

  const close = () => {
    setMode('view');
    setError(null);
    onClose();
  };

  const step = async (to: AppointmentStatus, label: string) => {
    if (!a) return;
    setBusy(to);
    setError(null);
    try {
      await stepAppointment(a, to);
      invalidateSchedule(queryClient, a.id);
      notifications.show({ color: 'teal', message: `${a.patient.name}: ${label.toLowerCase() === 'check out' ? 'checked out' : APPOINTMENT_STATUS[to]?.label.toLowerCase()}.` });
    } catch (e) {
      setError(scheduleErrorMessage(e, { tz: a.time_zone, providerLabel: a.provider_name }));
      invalidateSchedule(queryClient, a.id);
    } finally {
      setBusy(null);
    }
  };

  const location = (locations.data ?? []).find((l) => l.id === a?.location_id);
  const tz = a?.time_zone ?? 'UTC';
  const stamps: [string, string | null | undefined][] = a
    ? [
        ['Confirmed', a.confirmed_at],
        ['Arrived', a.arrived_at],
        ['Roomed', a.roomed_at],
        ['With provider', a.with_provider_at],
        ['Checked out', a.checked_out_at],
        ['No-show', a.no_show_at],
        ['Cancelled', a.cancelled_at],
      ]
    : [];

  return (
    <>
      <Drawer
        opened={appointmentId !== null}
        onClose={close}
        position="right"
        size="md"
        title={<Text fw={600}>Appointment details</Text>}
      >
        {q.isLoading ? (
          <Stack>
            <Skeleton h={28} />
            <Skeleton h={120} />
          </Stack>
        ) : q.isError ? (
          <QueryState error={q.error} retry={() => void q.refetch()} />
        ) : a ? (
          <Stack gap="md">
            <div>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div style={{ minWidth: 0 }}>
                  <Title order={2} size="h3" data-testid="appointment-patient">
                    {session.can('patient.read') ? (
                      <Anchor component={Link} to={`/patients/${a.patient_id}`} inherit>
                        {a.patient.name}
                      </Anchor>
                    ) : (
                      a.patient.name
                    )}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {a.patient.birth_date ? <>Born {formatBirthDate(a.patient.birth_date)} · </> : null}MRN <span className="mono">{a.patient.mrn}</span>
                  </Text>
                </div>
                <StatusBadge status={a.status} map={APPOINTMENT_STATUS} />
              </Group>
              <Group gap={6} mt={6}>
                {a.outside_availability ? <Badge color="orange">Outside availability</Badge> : null}
                {a.overbook ? <Badge color="orange">Overbooked</Badge> : null}
                {a.series_id ? <Badge color="gray">Weekly series</Badge> : null}
                {a.late_cancel ? <Badge color="red">Late cancellation</Badge> : null}
              </Group>
            </div>

            <dl className="dl">
              <Field label="When">
                <span data-testid="appointment-when">{formatRange(a.start, a.end, tz)}</span>
              </Field>
              <Field label="Type">
                <Group gap={6} wrap="nowrap">
                  <ColorSwatch color={a.type.color} size={12} aria-hidden />
                  {a.type.name} · {a.duration_min} min
                </Group>
              </Field>
              <Field label="Provider">{a.provider_name}</Field>
              <Field label="Location">{location ? `${location.name} (${tz})` : tz}</Field>
              {a.status === 'cancelled' ? (
                <Field label="Cancellation">
                  {a.cancel_reason} · by {a.cancelled_by === 'patient' ? 'the patient' : 'the practice'}
                </Field>
              ) : null}
              {stamps
                .filter(([, at]) => at)
                .map(([label, at]) => (
                  <Field key={label} label={label}>
                    {formatTime(at!, tz)}
                  </Field>
                ))}
            </dl>

            <NoShowRiskPanel
              appt={a}
              canOverbook={mayOverbook(a, session, settings.data)}
              onOverbook={() => {
                setOverbookOf(a);
                close();
              }}
            />

            {mode === 'note' ? (
              <NoteEditor appt={a} onDone={() => setMode('view')} />
            ) : (
              <div>
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={500}>
                    Note
                  </Text>
                  {canWrite ? (
                    <Button variant="subtle" size="compact-xs" leftSection={<IconPencil size={14} />} onClick={() => setMode('note')}>
                      Edit note
                    </Button>
                  ) : null}
                </Group>
                <Text size="sm" c={a.note ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                  {a.note || 'No note'}
                </Text>
              </div>
            )}

            {error ? (
              <Alert color="red" role="alert" withCloseButton onClose={() => setError(null)}>
                {error}
              </Alert>
            ) : null}

            {canWrite && mode !== 'reschedule' ? (
              <Stack gap="xs">
                {nextSteps(a).length ? (
                  <Group gap="xs" role="group" aria-label="Next step">
                    {nextSteps(a).map((s) => (
                      <Button
                        key={s.to}
                        size="sm"
                        variant={s.to === 'no_show' ? 'outline' : 'light'}
                        color={s.to === 'no_show' ? 'red.9' : APPOINTMENT_STATUS[s.to]?.color}
                        loading={busy === s.to}
                        disabled={busy !== null && busy !== s.to}
                        onClick={() => void step(s.to, s.label)}
                      >
                        {s.label}
                      </Button>
                    ))}
                  </Group>
                ) : null}
                {isMovable(a) ? (
                  <Group gap="xs">
                    <Button variant="light" leftSection={<IconCalendarTime size={16} />} onClick={() => setMode('reschedule')}>
                      Reschedule
                    </Button>
                    <Button variant="outline" color="red.9" leftSection={<IconX size={16} />} onClick={() => setCancelling(true)}>
                      Cancel appointment
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            ) : null}

            {mode === 'reschedule' ? <Reschedule appt={a} find={find} onDone={() => setMode('view')} /> : null}

            <Divider />
            <ReminderList appointmentId={a.id} tz={tz} />
            <Divider />
            <div>
              <Title order={3} size="h5" mb="sm">
                History
              </Title>
              <Timeline bulletSize={14} lineWidth={2} active={a.history.length - 1}>
                {a.history.map((h, i) => (
                  <Timeline.Item key={i} title={<Text size="sm" fw={500}>{historyLine(h, tz)}</Text>}>
                    <Text size="xs" c="dimmed">
                      {formatWall(wallOf(h.at, tz))}
                      {actedBy(h, session.me?.user.id, who) ? ` · ${actedBy(h, session.me?.user.id, who)}` : ''}
                    </Text>
                    {h.reason ? <Text size="xs">“{h.reason}”</Text> : null}
                  </Timeline.Item>
                ))}
              </Timeline>
            </div>
            {cancelling ? <CancelDialog appt={a} onClose={() => setCancelling(false)} /> : null}
          </Stack>
        ) : (
          <Text c="dimmed">{errorMessage(null)}</Text>
        )}
      </Drawer>
      {overbookOf ? (
        <BookingDialog
          title="Overbook this slot"
          find={find}
          defaults={{
            overbook: overbookOf,
            start: wallOf(overbookOf.start, overbookOf.time_zone),
            providerId: overbookOf.provider_id,
            locationId: overbookOf.location_id,
            typeId: overbookOf.type_id,
          }}
          onClose={() => setOverbookOf(null)}
        />
      ) : null}
    </>
  );
}
