// Book in seconds: patient, type, start (prefilled from the slot clicked), note,
// optional weekly repeat. The open times of the day are offered as buttons, and
// "Next available" finds the first open time from now. A conflict or a time
// outside availability is explained; managers may override with a reason.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  ColorSwatch,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCalendarSearch } from '@tabler/icons-react';
import { ApiError, api, errorMessage } from '../../lib/api';
import { DATE_INPUT_PROPS } from '../../lib/format';
import { applyServerErrors } from '../../lib/forms';
import {
  isOutsideAvailability,
  providerName,
  RISK_LEVEL,
  scheduleErrorMessage,
  typesOf,
  useLocationsAll,
  useProvidersAll,
  useTypesAll,
  type Appointment,
  type Slot,
} from '../../lib/schedule';
import { useSession } from '../../lib/session';
import type { Page } from '../../lib/types';
import { formatRange, formatWall, instantOf, wallOf } from '../../lib/zone';
import { ErrorAlert } from '../ErrorAlert';
import { OpenTimes, useOpenTimes } from './OpenTimes';
import { PatientPicker, type PickedPatient } from './PatientPicker';

export interface BookingDefaults {
  /** Wall time in the location's zone, "YYYY-MM-DDTHH:mm:ss". */
  start?: string | null;
  providerId?: number | null;
  locationId?: number | null;
  typeId?: number | null;
  patient?: PickedPatient | null;
  note?: string;
  /**
   * Overbook the slot of this booked appointment (at high no-show risk): provider, location
   * and start are its own and stay fixed; the booking is sent with `overbook: true`.
   */
  overbook?: Appointment | null;
}

/** Why the server refused an overbooking, in words; null for other errors. */
function overbookRefusal(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  if (e.status === 403)
    return 'Overbooking is not allowed for your role here. A practice manager can overbook, or allow the desk to overbook high-risk slots in Schedule setup → Reminders.';
  if (e.status === 422 && e.problem.rule === 'overbook_not_high_risk')
    return 'This slot can no longer be overbooked: its booking is not at high no-show risk any more (for example, the patient confirmed or has come to recent visits).';
  if (e.status === 400 && e.fieldErrors.some((f) => f.field === 'overbook'))
    return 'There is no booking at this time any more (it was cancelled or moved), so there is nothing to overbook. Book the time normally instead.';
  return null;
}

interface Values {
  patient: PickedPatient | null;
  provider_id: string | null;
  location_id: string | null;
  type_id: string | null;
  date: string | null;
  time: string;
  note: string;
  repeat: boolean;
  every_weeks: number | string;
  count: number | string;
  override: boolean;
  override_reason: string;
}

export function BookingDialog({
  defaults,
  onClose,
  onBooked,
  find,
  title = 'Book appointment',
}: {
  defaults: BookingDefaults;
  onClose: () => void;
  onBooked?: (a: Appointment) => void | Promise<void>;
  /** Finds an appointment on screen by id, to name a conflict. */
  find?: (id: number) => Appointment | undefined | null;
  title?: string;
}) {
  const session = useSession();
  const canOverride = session.can('schedule.override');
  const queryClient = useQueryClient();
  const locations = useLocationsAll();
  const providers = useProvidersAll();
  const types = useTypesAll();
  const [error, setError] = useState<string | null>(null);
  const [outside, setOutside] = useState(false);
  const overbook = defaults.overbook ?? null;

  const initialType = useMemo(() => {
    if (defaults.typeId) return String(defaults.typeId);
    return null;
  }, [defaults.typeId]);

  const form = useForm<Values>({
    initialValues: {
      patient: defaults.patient ?? null,
      provider_id: defaults.providerId ? String(defaults.providerId) : null,
      location_id: defaults.locationId ? String(defaults.locationId) : null,
      type_id: initialType,
      date: defaults.start ? defaults.start.slice(0, 10) : null,
      time: defaults.start ? defaults.start.slice(11, 16) : '',
      note: defaults.note ?? '',
      repeat: false,
      every_weeks: 1,
      count: 4,
      override: false,
      override_reason: '',
    },
    validate: {
      patient: (v) => (!v ? 'Choose the patient' : null),
      provider_id: (v) => (!v ? 'Choose the provider' : null),
      location_id: (v) => (!v ? 'Choose the location' : null),
      type_id: (v) => (!v ? 'Choose the appointment type' : null),
      date: (v) => (!v ? 'Choose the date' : null),
      time: (v) => (!/^\d{2}:\d{2}$/.test(v) ? 'Enter the start time' : null),
      every_weeks: (v, all) => (all.repeat && !(Number(v) >= 1 && Number(v) <= 8) ? 'Every 1 to 8 weeks' : null),
      count: (v, all) => (all.repeat && !(Number(v) >= 2 && Number(v) <= 52) ? '2 to 52 appointments' : null),
      override_reason: (v, all) => (all.override && !v.trim() ? 'Say why this booking is outside availability' : null),
    },
  });
  const values = form.values;

  // Location: the only one, or the first active, when none was given.
  const activeLocations = (locations.data ?? []).filter((l) => l.active || String(l.id) === values.location_id);
  useEffect(() => {
    if (!values.location_id && activeLocations.length > 0) form.setFieldValue('location_id', String(activeLocations[0].id));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeLocations.length]);
  const location = (locations.data ?? []).find((l) => String(l.id) === values.location_id);
  const tz = location?.time_zone ?? 'UTC';

  const providerId = values.provider_id ? Number(values.provider_id) : null;
  const provider = (providers.data ?? []).find((p) => p.id === providerId);
  // With a provider: the types they offer; without: every active type.
  const offered = typesOf(types.data ?? [], providerId);
  // The only type the provider offers is chosen for you.
  useEffect(() => {
    if (!providerId) return;
    if (values.type_id && !offered.some((t) => String(t.id) === values.type_id)) form.setFieldValue('type_id', null);
    if (!values.type_id && offered.length === 1) form.setFieldValue('type_id', String(offered[0].id));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [providerId, offered.length]);
  const type = offered.find((t) => String(t.id) === values.type_id);

  const open = useOpenTimes({
    typeId: values.type_id ? Number(values.type_id) : null,
    providerId,
    locationId: values.location_id ? Number(values.location_id) : null,
    date: values.date,
    tz: location ? tz : null,
  });
  const { ready, times: openTimes } = open;
  const chosenIsOpen = openTimes.includes(values.time);
  const showNotOpen = ready && open.isSuccess && /^\d{2}:\d{2}$/.test(values.time) && !chosenIsOpen;

  const [finding, setFinding] = useState(false);
  const nextAvailable = async () => {
    if (!values.type_id || !values.location_id) {
      form.validateField('type_id');
      return;
    }
    setFinding(true);
    setError(null);
    try {
      const r = await api.get<Page<Slot>>('/availability', {
        type_id: values.type_id,
        provider_id: values.provider_id ?? '',
        location_id: values.location_id,
        limit: 1,
      });
      const s = r.items[0];
      if (!s) {
        setError(`${provider ? providerName(provider) : 'No provider'} has no open time for this type in the next 90 days.`);
      } else {
        const w = wallOf(s.start, tz);
        if (!values.provider_id) form.setFieldValue('provider_id', String(s.provider_id));
        form.setFieldValue('date', w.slice(0, 10));
        form.setFieldValue('time', w.slice(11, 16));
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setFinding(false);
    }
  };

  const invalidateAfterRefusal = () => {
    void queryClient.invalidateQueries({ queryKey: ['appointments'] });
    void queryClient.invalidateQueries({ queryKey: ['schedule-settings'] });
    if (overbook) void queryClient.invalidateQueries({ queryKey: ['appointment', overbook.id] });
  };

  const submit = form.onSubmit(async (val) => {
    setError(null);
    const start = instantOf(`${val.date}T${val.time}:00`, tz);
    const body: Record<string, unknown> = {
      patient_id: val.patient!.id,
      provider_id: Number(val.provider_id),
      location_id: Number(val.location_id),
      type_id: Number(val.type_id),
      start,
    };
    if (val.note.trim()) body.note = val.note.trim();
    if (val.repeat) body.repeat = { every_weeks: Number(val.every_weeks), count: Number(val.count) };
    if (val.override) {
      body.override = true;
      body.override_reason = val.override_reason.trim();
    }
    if (overbook) body.overbook = true;
    try {
      const a = await api.post<Appointment>('/appointments', body);
      void queryClient.invalidateQueries({ queryKey: ['appointments'] });
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      // A booking meets the patient's waitlist wish for the type.
      void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
      notifications.show({
        color: 'teal',
        title: overbook ? 'Slot overbooked' : val.repeat ? `Booked ${val.count} appointments` : 'Appointment booked',
        message: `${a.patient.name} · ${a.type.name} · ${formatRange(a.start, a.end, a.time_zone)} with ${providerName(provider)}${val.repeat ? `, then every ${Number(val.every_weeks) === 1 ? 'week' : `${val.every_weeks} weeks`}` : ''}`,
      });
      await onBooked?.(a);
      onClose();
    } catch (e) {
      if (isOutsideAvailability(e)) setOutside(true);
      const refusal = overbook ? overbookRefusal(e) : null;
      if (refusal) {
        setError(refusal);
        invalidateAfterRefusal();
        return;
      }
      const rest = e instanceof ApiError && e.status === 400 ? applyServerErrors(form, e) : [];
      if (e instanceof ApiError && e.status === 400 && e.fieldErrors.length && !rest.length) return;
      setError(scheduleErrorMessage(e, { tz, providerLabel: providerName(provider), find }));
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
    }
  });

  const chosenType = (types.data ?? []).find((t) => String(t.id) === values.type_id);
  const providerData = (providers.data ?? [])
    .filter((p) => p.active || String(p.id) === values.provider_id)
    .filter((p) => !chosenType || chosenType.provider_ids.includes(p.id) || String(p.id) === values.provider_id)
    .map((p) => ({ value: String(p.id), label: providerName(p) }));
  const typeData = offered.map((t) => ({ value: String(t.id), label: `${t.name} · ${t.duration_min} min` }));
  const startWall = values.date && /^\d{2}:\d{2}$/.test(values.time) ? `${values.date}T${values.time}:00` : null;

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <ErrorAlert error={error} />
          {overbook ? (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="This time is already booked" data-testid="overbook-notice">
              <Text size="sm">
                {overbook.patient.name} ({overbook.type.name}) is booked {formatRange(overbook.start, overbook.end, overbook.time_zone)} with{' '}
                {overbook.provider_name}
                {overbook.no_show_risk ? `, at ${RISK_LEVEL[overbook.no_show_risk.level].label.toLowerCase()}` : ''}. Both appointments will stand:
                if both patients come, one of them waits. The overbooking is kept in the audit trail.
              </Text>
            </Alert>
          ) : null}
          <PatientPicker
            value={values.patient}
            onChange={(p) => form.setFieldValue('patient', p)}
            required
            autoFocus={!values.patient}
            error={form.errors.patient}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Provider"
              required
              data={providerData}
              allowDeselect={false}
              readOnly={Boolean(overbook)}
              searchable={!overbook}
              placeholder={chosenType ? 'Choose, or use “Next available”' : 'Choose the provider'}
              {...form.getInputProps('provider_id')}
            />
            {activeLocations.length > 1 ? (
              <Select
                label="Location"
                required
                allowDeselect={false}
                readOnly={Boolean(overbook)}
                data={activeLocations.map((l) => ({ value: String(l.id), label: l.name }))}
                {...form.getInputProps('location_id')}
              />
            ) : (
              <TextInput label="Location" readOnly value={location?.name ?? ''} description={location ? `Times in ${tz}` : undefined} />
            )}
          </SimpleGrid>
          <Select
            label="Appointment type"
            required
            allowDeselect={false}
            data={typeData}
            nothingFoundMessage="This provider offers no appointment types"
            placeholder={providerId && !offered.length ? 'This provider offers no types yet' : 'Choose a type'}
            leftSection={type ? <ColorSwatch color={type.color} size={14} aria-hidden /> : undefined}
            renderOption={({ option }) => {
              const t = offered.find((x) => String(x.id) === option.value);
              return (
                <Group gap="xs" wrap="nowrap">
                  {t ? <ColorSwatch color={t.color} size={12} aria-hidden /> : null}
                  <span>{option.label}</span>
                </Group>
              );
            }}
            {...form.getInputProps('type_id')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'end' }}>
            <DateInput label="Date" required readOnly={Boolean(overbook)} {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('date')} />
            <TimeInput label="Start time" required readOnly={Boolean(overbook)} {...form.getInputProps('time')} />
            {overbook ? null : (
              <Button variant="light" leftSection={<IconCalendarSearch size={16} />} onClick={() => void nextAvailable()} loading={finding}>
                Next available
              </Button>
            )}
          </SimpleGrid>
          {startWall ? (
            <Text size="sm" c="dimmed" aria-live="polite">
              {formatWall(startWall)}
              {type ? ` for ${type.duration_min} minutes` : ''} · {tz}
            </Text>
          ) : null}
          {ready && !overbook ? (
            <OpenTimes
              date={values.date!}
              times={openTimes}
              isLoading={open.isLoading}
              value={values.time}
              onChange={(t) => form.setFieldValue('time', t)}
              extra="Try “Next available” or another date."
            />
          ) : null}
          {showNotOpen && !overbook ? (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} p="xs">
              <Text size="sm">This start is not one of the open times: it is outside working hours or overlaps another appointment.</Text>
            </Alert>
          ) : null}
          <Textarea label="Note" autosize minRows={2} maxRows={5} maxLength={500} {...form.getInputProps('note')} />
          {overbook ? null : <Checkbox label="Repeat weekly" {...form.getInputProps('repeat', { type: 'checkbox' })} />}
          {values.repeat ? (
            <SimpleGrid cols={2}>
              <NumberInput label="Every (weeks)" min={1} max={8} allowDecimal={false} {...form.getInputProps('every_weeks')} />
              <NumberInput label="Number of appointments" min={2} max={52} allowDecimal={false} {...form.getInputProps('count')} />
            </SimpleGrid>
          ) : null}
          {canOverride && (outside || (showNotOpen && !overbook) || values.override) ? (
            <Stack gap="xs">
              <Checkbox label="Book outside the provider's availability (override)" {...form.getInputProps('override', { type: 'checkbox' })} />
              {values.override ? <TextInput label="Reason for the override" required maxLength={200} {...form.getInputProps('override_reason')} /> : null}
            </Stack>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              {overbook ? 'Overbook' : values.repeat ? 'Book series' : 'Book appointment'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
