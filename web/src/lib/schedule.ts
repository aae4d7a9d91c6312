// Scheduling: API shapes, the shared look-ups (locations, providers, types), the
// appointment flow and the sentences for conflicts. Used by every schedule page.
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, errorMessage, type Query } from './api';
import { formatPersonName } from './format';
import type { Location, Page, Provider } from './types';
import { formatRange, formatTime } from './zone';

export type AppointmentStatus = 'booked' | 'confirmed' | 'arrived' | 'roomed' | 'with_provider' | 'checked_out' | 'cancelled' | 'no_show';

export type RiskLevel = 'low' | 'medium' | 'high';

/** The server's estimate that the patient will not come (booked and confirmed appointments only). */
export interface NoShowRisk {
  /** 0 to 0.95 */
  score: number;
  level: RiskLevel;
  /** Why, in words ("2 no-shows in 3 past visits"). */
  reasons: string[];
}

export interface Appointment {
  id: number;
  patient_id: number;
  /** `birth_date` is sent by newer servers. */
  patient: { id: number; name: string; mrn: string; birth_date?: string | null };
  provider_id: number;
  provider_name: string;
  location_id: number;
  type_id: number;
  type: { name: string; color: string };
  resource_id: number | null;
  start: string;
  end: string;
  duration_min: number;
  status: AppointmentStatus;
  time_zone: string;
  overbook: boolean;
  outside_availability: boolean;
  series_id: number | null;
  note: string | null;
  cancel_reason: string | null;
  cancelled_by: 'patient' | 'practice' | null;
  late_cancel: boolean;
  confirmed_at: string | null;
  arrived_at: string | null;
  roomed_at: string | null;
  with_provider_at: string | null;
  checked_out_at: string | null;
  cancelled_at: string | null;
  no_show_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** Present on booked and confirmed appointments. */
  no_show_risk?: NoShowRisk | null;
}

export interface AppointmentEvent {
  at: string;
  user_id: number | null;
  /** The staff user's display name (newer servers); null when the patient acted through a reminder link. */
  user_name?: string | null;
  from_status: string | null;
  to_status: string;
  from_start?: string;
  reason: string | null;
}

export interface AppointmentDetail extends Appointment {
  history: AppointmentEvent[];
}

export interface BoardItem extends Appointment {
  minutes_waiting: number | null;
  late: boolean;
}

export interface WaitlistMatch {
  waitlist_id: number;
  patient_id: number;
  offered?: boolean;
}

export interface CancelResult extends Appointment {
  cancelled_count: number;
  waitlist_matches: WaitlistMatch[];
}

/** A moved appointment; the time it left may have been offered to the waitlist. */
export interface MoveResult extends Appointment {
  waitlist_matches?: WaitlistMatch[] | null;
}

/** "The freed time was offered to a patient on the waitlist." or null. */
export function offeredSentence(matches: WaitlistMatch[] | null | undefined, what = 'The freed time'): string | null {
  const n = (matches ?? []).filter((m) => m.offered).length;
  if (!n) return null;
  return `${what} was offered to ${n === 1 ? 'a patient' : `${n} patients`} on the waitlist.`;
}

export interface AppointmentType {
  id: number;
  name: string;
  duration_min: number;
  slot_step_min: number;
  color: string;
  patient_kind: 'any' | 'new' | 'established';
  resource_id: number | null;
  active: boolean;
  provider_ids: number[];
  version: number;
}

export interface Resource {
  id: number;
  location_id: number;
  name: string;
  kind: 'room' | 'equipment';
  active: boolean;
  version: number;
}

export interface AvailabilityRule {
  id: number;
  provider_id: number;
  location_id: number;
  rrule: string;
  start_time: string;
  end_time: string;
  valid_from: string;
  valid_to: string | null;
  version: number;
}

export interface AvailabilityException {
  id: number;
  kind: 'blocked' | 'extra';
  start: string;
  end: string;
  provider_id: number | null;
  location_id: number | null;
  reason: string | null;
  version: number;
}

export interface Slot {
  start: string;
  end: string;
  provider_id: number;
  location_id: number;
}

export type TimeOfDay = 'any' | 'morning' | 'afternoon' | 'evening';
export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'removed';

export interface WaitlistEntry {
  id: number;
  patient_id: number;
  /** `birth_date` is sent by newer servers. */
  patient: { name: string; mrn: string; birth_date?: string | null };
  type_id: number;
  provider_id: number | null;
  location_id: number | null;
  earliest_date: string | null;
  latest_date: string | null;
  time_of_day: TimeOfDay;
  weekdays: string | null;
  note: string | null;
  status: WaitlistStatus;
  appointment_id: number | null;
  offered_start: string | null;
  offered_provider_id: number | null;
  offered_at: string | null;
  version: number;
  created_at: string;
}

// ---- Look-ups shared by the pages (small lists: every page of them) ----

export async function getAll<T>(path: string, query: Query = {}, signal?: AbortSignal, max = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < max; i++) {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 500, cursor: cursor ?? undefined }, signal);
    out.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return out;
}

const LOOKUP_STALE = 5 * 60_000;

export function useLocationsAll() {
  return useQuery({ queryKey: ['locations', 'all'], queryFn: ({ signal }) => getAll<Location>('/locations', {}, signal), staleTime: LOOKUP_STALE });
}

export function useProvidersAll() {
  return useQuery({ queryKey: ['providers', 'all'], queryFn: ({ signal }) => getAll<Provider>('/providers', {}, signal), staleTime: LOOKUP_STALE });
}

export function useTypesAll() {
  return useQuery({
    queryKey: ['appointment-types', 'all'],
    queryFn: ({ signal }) => getAll<AppointmentType>('/appointment-types', {}, signal),
    staleTime: LOOKUP_STALE,
  });
}

export function useResourcesAll() {
  return useQuery({ queryKey: ['resources', 'all'], queryFn: ({ signal }) => getAll<Resource>('/resources', {}, signal), staleTime: LOOKUP_STALE });
}

/** "Welby, Marcus, MD" */
export function providerName(p: Provider | undefined | null): string {
  if (!p) return '';
  return `${formatPersonName(p)}${p.credentials ? `, ${p.credentials}` : ''}`;
}

/** "Dr Marcus Welby" style short name for tight spaces: "M. Welby". */
export function providerShort(p: Provider | undefined | null): string {
  if (!p) return '';
  return `${p.given_name ? `${p.given_name.charAt(0)}. ` : ''}${p.family_name}`;
}

/** The types a provider offers (active ones unless `all`). */
export function typesOf(types: AppointmentType[], providerId: number | null | undefined, all = false): AppointmentType[] {
  return types.filter((t) => (all || t.active) && (providerId ? t.provider_ids.includes(providerId) : true));
}

// ---- The day of an appointment ----

export interface Step {
  to: AppointmentStatus;
  /** The button: what the person at the desk does. */
  label: string;
  from: AppointmentStatus[];
}

export const STEPS: Step[] = [
  { to: 'confirmed', label: 'Confirm', from: ['booked'] },
  { to: 'arrived', label: 'Arrived', from: ['booked', 'confirmed'] },
  { to: 'roomed', label: 'Roomed', from: ['arrived'] },
  { to: 'with_provider', label: 'With provider', from: ['arrived', 'roomed'] },
  { to: 'checked_out', label: 'Check out', from: ['with_provider'] },
  { to: 'no_show', label: 'No-show', from: ['booked', 'confirmed'] },
];

/** The steps allowed next; a no-show only once the start has passed. */
export function nextSteps(a: Pick<Appointment, 'status' | 'start'>, now = Date.now()): Step[] {
  return STEPS.filter((s) => s.from.includes(a.status) && (s.to !== 'no_show' || Date.parse(a.start) <= now));
}

/** The one step the board offers as its main button. */
export function mainStep(a: Pick<Appointment, 'status' | 'start'>): Step | null {
  const order: AppointmentStatus[] = ['arrived', 'roomed', 'with_provider', 'checked_out'];
  const steps = nextSteps(a);
  for (const to of order) {
    const s = steps.find((x) => x.to === to);
    if (s) return s;
  }
  return null;
}

export function isLive(a: Pick<Appointment, 'status'>): boolean {
  return a.status !== 'cancelled' && a.status !== 'no_show';
}

export function isMovable(a: Pick<Appointment, 'status'>): boolean {
  return a.status === 'booked' || a.status === 'confirmed';
}

export const TIME_OF_DAY_LABELS: Record<TimeOfDay, string> = {
  any: 'Any time',
  morning: 'Morning (before 12:00)',
  afternoon: 'Afternoon (12:00–17:00)',
  evening: 'Evening (after 17:00)',
};

export const WEEKDAYS = [
  { value: 'MO', label: 'Mon', long: 'Monday' },
  { value: 'TU', label: 'Tue', long: 'Tuesday' },
  { value: 'WE', label: 'Wed', long: 'Wednesday' },
  { value: 'TH', label: 'Thu', long: 'Thursday' },
  { value: 'FR', label: 'Fri', long: 'Friday' },
  { value: 'SA', label: 'Sat', long: 'Saturday' },
  { value: 'SU', label: 'Sun', long: 'Sunday' },
];

/** "Mon–Fri", "Mon, Wed", "Every day" from ["MO", ...]. */
export function formatWeekdays(days: string[]): string {
  const idx = WEEKDAYS.map((w) => w.value);
  const sorted = [...new Set(days)].filter((d) => idx.includes(d)).sort((a, b) => idx.indexOf(a) - idx.indexOf(b));
  if (sorted.length === 7) return 'Every day';
  if (sorted.length === 0) return '';
  const positions = sorted.map((d) => idx.indexOf(d));
  const contiguous = positions.every((p, i) => i === 0 || p === positions[i - 1] + 1);
  const label = (d: string) => WEEKDAYS.find((w) => w.value === d)!.label;
  if (contiguous && sorted.length >= 3) return `${label(sorted[0])}\u2013${label(sorted[sorted.length - 1])}`;
  return sorted.map(label).join(', ');
}

/** The weekdays of a simple weekly rule ("FREQ=WEEKLY;BYDAY=MO,TU"), or null for other rules. */
export function weeklyDays(rrule: string): string[] | null {
  const parts = Object.fromEntries(
    rrule
      .replace(/^RRULE:/, '')
      .split(';')
      .filter(Boolean)
      .map((p) => p.split('=') as [string, string]),
  );
  const keys = Object.keys(parts);
  if (parts.FREQ !== 'WEEKLY' || !parts.BYDAY || keys.some((k) => k !== 'FREQ' && k !== 'BYDAY' && !(k === 'INTERVAL' && parts.INTERVAL === '1'))) return null;
  const days = parts.BYDAY.split(',');
  return days.every((d: string) => WEEKDAYS.some((w) => w.value === d)) ? days : null;
}

/** A rule's recurrence in words. */
export function describeRrule(rrule: string): string {
  const days = weeklyDays(rrule);
  return days ? formatWeekdays(days) : rrule.replace(/^RRULE:/, '');
}

// ---- Conflicts, in words ----

export interface Conflict {
  appointment_id: number;
  start: string;
  end: string;
  with: 'provider' | 'resource' | string;
}

export function conflictOf(e: unknown): Conflict | null {
  if (!(e instanceof ApiError) || e.status !== 409) return null;
  const c = e.problem.conflict as Conflict | undefined;
  return c && typeof c === 'object' && 'appointment_id' in c ? c : null;
}

/**
 * "Welby, Marcus is already booked Mon 03/09/2026 10:00–10:20 AM (Roe, Rick, Follow-up)."
 * `known` finds the conflicting appointment among those on screen, to name it.
 */
export function conflictSentence(c: Conflict, tz: string, who: string, known?: Appointment | null): string {
  const what = known ? ` (${known.patient.name}, ${known.type.name})` : ` (appointment #${c.appointment_id})`;
  const subject = c.with === 'resource' ? 'The room or equipment this type needs' : who || 'The provider';
  return `${subject} is already booked ${formatRange(c.start, c.end, tz)}${what}.`;
}

/** Whether an error is the server's "outside the provider's availability" refusal. */
export function isOutsideAvailability(e: unknown): boolean {
  return e instanceof ApiError && e.status === 422 && e.problem.rule === 'outside_availability';
}

export function isVersionConflict(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'version-conflict';
}

export function isInvalidState(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'invalid-state';
}

/**
 * The message for a failed booking or move: names the conflicting appointment,
 * explains availability refusals and stale versions.
 */
export function scheduleErrorMessage(
  e: unknown,
  ctx: { tz: string; providerLabel: string; find?: (id: number) => Appointment | undefined | null },
): string {
  const c = conflictOf(e);
  if (c) {
    const occurrence = e instanceof ApiError && typeof e.problem.occurrence === 'number' ? `Occurrence ${e.problem.occurrence} of the series: ` : '';
    return occurrence + conflictSentence(c, ctx.tz, ctx.providerLabel, ctx.find?.(c.appointment_id));
  }
  if (isOutsideAvailability(e))
    return `This time is outside ${ctx.providerLabel ? `${ctx.providerLabel}\u2019s` : 'the provider\u2019s'} availability at this location.`;
  if (isVersionConflict(e)) return 'Someone else changed this appointment meanwhile. The calendar now shows their change; try again if still needed.';
  if (isInvalidState(e)) return `${errorMessage(e).replace(/^./, (ch) => ch.toUpperCase())}. The calendar has been refreshed.`;
  if (e instanceof ApiError && e.fieldErrors.length) {
    return e.fieldErrors
      .map((f) =>
        f.field === 'provider_id' && /offering/.test(f.message)
          ? `${ctx.providerLabel || 'This provider'} does not offer this appointment type.`
          : `${f.field.replace(/_id$/, '').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())} ${f.message}.`,
      )
      .join(' ');
  }
  return errorMessage(e);
}

/** "9:00 AM" for the start of an appointment in its own zone. */
export function apptTime(a: Pick<Appointment, 'start' | 'time_zone'>): string {
  return formatTime(a.start, a.time_zone);
}

// ---- No-show risk ----

/** Words for a risk level, for badges and the details panel (colour is never the only signal). */
export const RISK_LEVEL: Record<RiskLevel, { label: string; short: string; color: string }> = {
  low: { label: 'Low no-show risk', short: 'Low risk', color: 'gray' },
  medium: { label: 'Medium no-show risk', short: 'Medium risk', color: 'yellow' },
  high: { label: 'High no-show risk', short: 'High risk', color: 'red.9' },
};

/** The risk worth showing on a list or the calendar: medium or high, on a booked or confirmed appointment. */
export function notableRisk(a: Pick<Appointment, 'status' | 'no_show_risk'>): NoShowRisk | null {
  const r = a.no_show_risk;
  if (!r || (a.status !== 'booked' && a.status !== 'confirmed')) return null;
  return r.level === 'medium' || r.level === 'high' ? r : null;
}

/** "38%" for a score of 0.38. */
export function formatRiskScore(score: number): string {
  return `${Math.round(score * 100)}%`;
}

// ---- Settings, reminders, feeds ----

export interface ScheduleSettings {
  /** "21:00": reminders are held from here ... */
  quiet_start: string;
  /** ... until here, in the location's time. */
  quiet_end: string;
  late_cancel_hours: number;
  /** Whether the desk (schedule.write) may overbook a slot whose booking is at high no-show risk. */
  overbook_high_risk: boolean;
  /** 0 before the first change. */
  version: number;
}

export function useScheduleSettings(enabled = true) {
  return useQuery({
    queryKey: ['schedule-settings'],
    queryFn: ({ signal }) => api.get<ScheduleSettings>('/schedule/settings', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}

/**
 * Whether this user may overbook the slot of `a`: anyone with schedule.override; others
 * with schedule.write only where the practice allows it and the booking is at high risk.
 */
export function mayOverbook(
  a: Pick<Appointment, 'status' | 'no_show_risk' | 'end' | 'overbook'>,
  access: { can: (p: string) => boolean },
  settings: ScheduleSettings | undefined,
): boolean {
  if (!access.can('schedule.write')) return false;
  if (a.overbook || (a.status !== 'booked' && a.status !== 'confirmed')) return false;
  if (Date.parse(a.end) <= Date.now()) return false;
  if (a.no_show_risk?.level !== 'high') return false;
  return access.can('schedule.override') || Boolean(settings?.overbook_high_risk);
}

export type ReminderChannel = 'email' | 'sms';

export interface ReminderRule {
  id: number;
  channel: ReminderChannel;
  hours_before: number;
  active: boolean;
  version: number;
  created_at?: string;
  updated_at?: string;
}

export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

export interface Reminder {
  id: number;
  channel: ReminderChannel;
  status: ReminderStatus;
  /** When it is (or was) due to go out next. */
  next_attempt: string;
  attempts: number;
  outcome: string | null;
  sent_at: string | null;
  hours_before: number;
}

export interface ReminderRun {
  planned: number;
  sent: number;
  skipped: number;
  deferred: number;
  retrying: number;
  failed: number;
}

export const CHANNEL_LABELS: Record<ReminderChannel, string> = { email: 'E-mail', sms: 'Text message (SMS)' };

/** "48 hours (2 days) before" */
export function formatHoursBefore(h: number): string {
  const days = h % 24 === 0 && h >= 48 ? ` (${h / 24} days)` : h === 24 ? ' (1 day)' : '';
  return `${h} ${h === 1 ? 'hour' : 'hours'}${days} before`;
}

export interface CalendarFeed {
  id: number;
  provider_id?: number;
  /** Contains the secret token; shown once. */
  path: string;
  token: string;
  show_patient_names: boolean;
}

/** What a patient's reminder link shows (GET /appointment-link, public). */
export interface AppointmentLinkView {
  practice: string;
  location: string;
  start: string;
  /** "Wednesday, March 4 at 9:00 AM" in the location's time. */
  when: string;
  status: AppointmentStatus;
  actionable: boolean;
  used_action?: 'confirm' | 'cancel' | string | null;
}

// ---- Reports ----

export interface UtilisationRow {
  provider_id?: number;
  provider: string;
  /** Monday of the week, "YYYY-MM-DD". */
  week: string;
  available_min: number;
  booked_min: number;
  utilisation: number | null;
  appointments: number;
  no_shows: number;
  no_show_rate: number | null;
  cancellations: number;
  cancellation_rate: number | null;
  late_cancellations: number;
  late_cancellation_rate: number | null;
  median_lead_days: number | null;
  new_patient_share: number | null;
}

export interface WaitTimeRow {
  provider_id?: number;
  provider: string;
  date: string;
  visits: number;
  arrival_to_roomed_median: number;
  arrival_to_roomed_p90: number;
  roomed_to_provider_median: number;
  roomed_to_provider_p90: number;
  visit_median: number;
  visit_p90: number;
}
