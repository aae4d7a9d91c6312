// Times of the schedule are the location's wall-clock time, never the device's.
// The API gives instants with the location's offset ("2026-03-09T09:00:00-04:00");
// the calendar works in "wall time" strings without an offset ("2026-03-09T09:00:00")
// shown as if they were UTC, so a desk in another zone (or a laptop set to UTC) still
// sees the practice's day. These helpers convert between the two.
import { DateTime } from 'luxon';

/** "YYYY-MM-DDTHH:mm:ss" */
export type Wall = string;

const WALL_FMT = "yyyy-MM-dd'T'HH:mm:ss";

/** An instant (any offset, or Z) as wall time in `tz`. */
export function wallOf(instant: string, tz: string): Wall {
  const d = DateTime.fromISO(instant, { setZone: true });
  if (!d.isValid) return instant.slice(0, 19);
  return d.setZone(tz).toFormat(WALL_FMT);
}

/** Wall time in `tz` as an RFC 3339 instant with the zone's offset at that time. */
export function instantOf(wall: Wall, tz: string): string {
  const d = DateTime.fromISO(wall, { zone: tz });
  return d.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? wall;
}

/** Today's date in `tz`, "YYYY-MM-DD". */
export function todayIn(tz: string): string {
  return DateTime.now().setZone(tz).toISODate() ?? DateTime.now().toISODate()!;
}

/** Now as wall time in `tz`. */
export function nowWall(tz: string): Wall {
  return DateTime.now().setZone(tz).toFormat(WALL_FMT);
}

/** The instant that starts the local day `date` in `tz` (RFC 3339). */
export function dayStart(date: string, tz: string): string {
  return instantOf(`${date}T00:00:00`, tz);
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** The Sunday on or before `date` (weeks start on Sunday, as the date pickers do). */
export function weekStart(date: string): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return d.minus({ days: d.weekday % 7 }).toISODate()!;
}

/** A JS Date used by the calendar (UTC fields = wall time) as a wall time string. */
export function wallOfCalendarDate(d: Date): Wall {
  return d.toISOString().slice(0, 19);
}

/** Minutes since midnight of a wall time. */
export function minuteOfDay(wall: Wall): number {
  return Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));
}

/** The zone's short name at an instant ("EST", "EDT"). */
export function zoneAbbrev(tz: string, instant?: string): string {
  const d = instant ? DateTime.fromISO(instant, { setZone: true }) : DateTime.now();
  return d.setZone(tz).toFormat('ZZZZ');
}

/** "Mon 03/09/2026" for a date. */
export function formatDayLabel(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat('ccc MM/dd/yyyy');
}

/** "Monday, March 9, 2026" */
export function formatLongDay(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-US').toFormat('cccc, LLLL d, yyyy');
}

/** "9:05 AM" for an instant, in `tz`. */
export function formatTime(instant: string | null | undefined, tz: string): string {
  if (!instant) return '';
  const d = DateTime.fromISO(instant, { setZone: true });
  if (!d.isValid) return instant;
  return d.setZone(tz).setLocale('en-US').toFormat('h:mm a');
}

/** "9:05 AM" for a wall time. */
export function formatWallTime(wall: Wall): string {
  return DateTime.fromISO(wall, { zone: 'UTC' }).setLocale('en-US').toFormat('h:mm a');
}

/** "Mon 03/09/2026 9:00 AM" for a wall time. */
export function formatWall(wall: Wall): string {
  return DateTime.fromISO(wall, { zone: 'UTC' }).setLocale('en-US').toFormat('ccc MM/dd/yyyy h:mm a');
}

/** "Mon 03/09/2026 9:00–9:20 AM" (or across days in full). */
export function formatRange(start: string, end: string, tz: string): string {
  const a = DateTime.fromISO(start, { setZone: true }).setZone(tz).setLocale('en-US');
  const b = DateTime.fromISO(end, { setZone: true }).setZone(tz).setLocale('en-US');
  if (!a.isValid || !b.isValid) return `${start} – ${end}`;
  if (a.hasSame(b, 'day'))
    return a.toFormat('a') === b.toFormat('a')
      ? `${a.toFormat('ccc MM/dd/yyyy h:mm')}\u2013${b.toFormat('h:mm a')}`
      : `${a.toFormat('ccc MM/dd/yyyy h:mm a')}\u2013${b.toFormat('h:mm a')}`;
  return `${a.toFormat('ccc MM/dd/yyyy h:mm a')} \u2013 ${b.toFormat('ccc MM/dd/yyyy h:mm a')}`;
}

/** Whole minutes from `instant` until now (negative when it is in the future). */
export function minutesSince(instant: string): number {
  return Math.floor((Date.now() - Date.parse(instant)) / 60000);
}
