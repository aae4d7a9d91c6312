// The schedule grid (FullCalendar time grid, free plugins only). It works in the
// location's wall time: the calendar runs in UTC and is fed wall-time strings, so
// 9:00 at the practice is 9:00 on screen wherever the device is.
//
// Views: one provider's day or week, and "all providers": one column per provider
// for a single day. The latter is a time grid of N days in which column i stands for
// provider i on the chosen date; `toCal`/`fromCal` translate between the two.
import { useEffect, useMemo, useRef } from 'react';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import interactionPlugin from '@fullcalendar/interaction';
import type { DateClickArg } from '@fullcalendar/interaction';
import type { EventClickArg, EventContentArg, EventDropArg, EventInput, DayHeaderContentArg } from '@fullcalendar/core';
import type { Provider } from '../../lib/types';
import { formatRiskScore, isLive, isMovable, notableRisk, providerName, providerShort, RISK_LEVEL, type Appointment } from '../../lib/schedule';
import { APPOINTMENT_STATUS } from '../../lib/status';
import { addDays, formatDayLabel, minuteOfDay, nowWall, wallOf, wallOfCalendarDate, type Wall } from '../../lib/zone';

export type CalendarView = 'day' | 'week' | 'providers';

export interface OpenSpan {
  providerId: number;
  start: Wall;
  end: Wall;
}

export interface SlotPick {
  providerId: number;
  start: Wall;
}

export interface MoveRequest {
  appt: Appointment;
  providerId: number;
  start: Wall;
  revert: () => void;
}

/** Light background for an event of colour `hex`: mixed with white. */
function tint(hex: string, amount = 0.82): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#e7f5ff';
  const n = parseInt(m[1], 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const r = mix((n >> 16) & 255),
    g = mix((n >> 8) & 255),
    b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

function plusMs(wall: Wall, ms: number): Wall {
  return new Date(Date.parse(`${wall}Z`) + ms).toISOString().slice(0, 19);
}

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86400000);
}

function hhmm(min: number): string {
  const m = Math.max(0, Math.min(24 * 60, min));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
}

/** The flags of an appointment in words: its no-show risk (medium or high) and overbooking. */
function EventFlags({ a }: { a: Appointment }) {
  const risk = notableRisk(a);
  return (
    <>
      {risk ? (
        <span className={`appt-risk appt-risk--${risk.level}`} data-testid="event-risk" data-level={risk.level}>
          {risk.level === 'high' ? '\u26a0 ' : ''}
          {RISK_LEVEL[risk.level].short}
        </span>
      ) : null}
      {a.overbook ? (
        <span className="appt-flag appt-flag--overbook" data-testid="event-overbook">
          Overbooked
        </span>
      ) : null}
    </>
  );
}

/** What the event says to a screen reader or in its tooltip: the flags in full. */
export function eventDescription(a: Appointment): string {
  const risk = notableRisk(a);
  const parts = [`${a.patient.name}, ${a.type.name}`];
  if (a.status !== 'booked') parts.push(APPOINTMENT_STATUS[a.status]?.label ?? a.status);
  if (risk) parts.push(`${RISK_LEVEL[risk.level].label} (${formatRiskScore(risk.score)})`);
  if (a.overbook) parts.push('overbooked');
  return parts.join(' \u00b7 ');
}

function EventBody({ arg }: { arg: EventContentArg }) {
  const a = arg.event.extendedProps.appt as Appointment | undefined;
  if (!a) return null;
  const status = APPOINTMENT_STATUS[a.status];
  const short = (arg.event.end?.getTime() ?? 0) - (arg.event.start?.getTime() ?? 0) <= 20 * 60000;
  const flagged = Boolean(notableRisk(a) || a.overbook);
  return (
    <div className={`appt-body${short ? ' appt-body--short' : ''}`} title={eventDescription(a)}>
      <div className="appt-line">
        <span className="appt-time">{arg.timeText}</span>
        <span className="appt-patient">{a.patient.name}</span>
        {a.status !== 'booked' ? <span className={`appt-status appt-status--${a.status}`}>{status?.label ?? a.status}</span> : null}
        {short && flagged ? <EventFlags a={a} /> : null}
      </div>
      {!short ? (
        <div className="appt-type">
          {flagged ? <EventFlags a={a} /> : null}
          {a.type.name}
          {a.note ? ` · ${a.note}` : ''}
        </div>
      ) : null}
    </div>
  );
}

export function ScheduleCalendar({
  view,
  date,
  providers,
  appointments,
  open,
  canWrite,
  tz,
  onPickSlot,
  onOpenAppointment,
  onMove,
  allowMove,
  height,
  busy = false,
}: {
  view: CalendarView;
  /** The chosen date ("YYYY-MM-DD"); for the week view, any day of the week. */
  date: string;
  /** The providers shown: one for day and week, the columns for "providers". */
  providers: Provider[];
  appointments: Appointment[];
  open: OpenSpan[];
  canWrite: boolean;
  tz: string;
  onPickSlot: (p: SlotPick) => void;
  onOpenAppointment: (a: Appointment) => void;
  onMove: (m: MoveRequest) => void;
  /** Whether the appointment may be dropped on this provider (who must offer its type). */
  allowMove?: (a: Appointment, providerId: number) => boolean;
  height: string;
  /** Appointments or open times are being fetched: the calendar is marked aria-busy. */
  busy?: boolean;
}) {
  const ref = useRef<FullCalendar>(null);
  const ids = useMemo(() => providers.map((p) => p.id), [providers]);
  const multi = view === 'providers';

  /** Wall time of provider `pid` → the calendar's time (null when not shown). */
  const toCal = useMemo(
    () =>
      (wall: Wall, pid: number): Wall | null => {
        if (!multi) return ids.includes(pid) ? wall : null;
        const i = ids.indexOf(pid);
        if (i < 0 || wall.slice(0, 10) !== date) return null;
        return `${addDays(date, i)}${wall.slice(10)}`;
      },
    [multi, ids, date],
  );
  const fromCal = useMemo(
    () =>
      (cal: Wall): SlotPick | null => {
        if (!multi) return ids[0] ? { providerId: ids[0], start: cal } : null;
        const i = dayDiff(cal.slice(0, 10), date);
        if (i < 0 || i >= ids.length) return null;
        return { providerId: ids[i], start: `${date}${cal.slice(10)}` };
      },
    [multi, ids, date],
  );

  const events = useMemo<EventInput[]>(() => {
    const out: EventInput[] = [];
    for (const s of open) {
      const start = toCal(s.start, s.providerId);
      if (!start) continue;
      out.push({
        id: `open-${s.providerId}-${s.start}`,
        start,
        end: plusMs(start, Date.parse(`${s.end}Z`) - Date.parse(`${s.start}Z`)),
        display: 'background',
        classNames: ['open-time'],
      });
    }
    for (const a of appointments) {
      const wall = wallOf(a.start, tz);
      const start = toCal(wall, a.provider_id);
      if (!start) continue;
      const classes = ['appt-event', `appt-event--${a.status}`];
      if (!isLive(a)) classes.push('appt-event--inactive');
      if (a.overbook) classes.push('appt-event--overbook');
      const risk = notableRisk(a);
      if (risk) classes.push(`appt-event--risk-${risk.level}`);
      out.push({
        id: String(a.id),
        start,
        end: plusMs(start, Date.parse(a.end) - Date.parse(a.start)),
        title: `${a.patient.name}, ${a.type.name}`,
        backgroundColor: isLive(a) ? tint(a.type.color) : '#f1f3f5',
        borderColor: a.type.color,
        textColor: '#1a1b1e',
        classNames: classes,
        editable: canWrite && isMovable(a),
        extendedProps: { appt: a },
      });
    }
    if (multi && ids.length) {
      // The current time, as a line across every column when the date is today.
      const now = nowWall(tz);
      if (now.slice(0, 10) === date)
        ids.forEach((pid) => {
          const start = toCal(now, pid)!;
          out.push({ id: `now-${pid}`, start, end: plusMs(start, 60_000), display: 'background', classNames: ['now-line'] });
        });
    }
    return out;
  }, [open, appointments, toCal, tz, canWrite, multi, ids, date]);

  // Hours shown: the working and booked hours of the range, with room around them.
  const [slotMin, slotMax] = useMemo(() => {
    let lo = 8 * 60,
      hi = 18 * 60;
    const take = (a: Wall, b: Wall) => {
      const ma = minuteOfDay(a);
      const mb = b.slice(0, 10) !== a.slice(0, 10) ? 24 * 60 : minuteOfDay(b);
      lo = Math.min(lo, ma - 60);
      hi = Math.max(hi, mb + 60);
    };
    for (const s of open) take(s.start, s.end);
    for (const a of appointments) take(wallOf(a.start, tz), wallOf(a.end, tz));
    return [hhmm(Math.floor(Math.max(lo, 0) / 60) * 60), hhmm(Math.ceil(Math.min(hi, 24 * 60) / 60) * 60)];
  }, [open, appointments, tz]);

  const calDate = date;
  useEffect(() => {
    ref.current?.getApi().gotoDate(calDate);
  }, [calDate]);

  const scrollTime = useMemo(() => {
    const now = nowWall(tz);
    const isToday = view === 'week' ? dayDiff(now.slice(0, 10), addDays(date, 0)) >= 0 && dayDiff(now.slice(0, 10), date) < 7 : now.slice(0, 10) === date;
    if (isToday) return hhmm(Math.max(minuteOfDay(now) - 60, 0));
    const firstOpen = open.map((s) => minuteOfDay(s.start)).sort((a, b) => a - b)[0];
    return hhmm(firstOpen !== undefined ? Math.max(firstOpen - 30, 0) : 8 * 60);
  }, [tz, view, date, open]);

  const dateClick = (info: DateClickArg) => {
    if (!canWrite) return;
    const pick = fromCal(wallOfCalendarDate(info.date));
    if (pick) onPickSlot(pick);
  };

  const eventClick = (info: EventClickArg) => {
    const a = info.event.extendedProps.appt as Appointment | undefined;
    info.jsEvent.preventDefault();
    if (a) onOpenAppointment(a);
  };

  const eventDrop = (info: EventDropArg) => {
    const a = info.event.extendedProps.appt as Appointment | undefined;
    const start = info.event.start;
    if (!a || !start) {
      info.revert();
      return;
    }
    const pick = fromCal(wallOfCalendarDate(start));
    if (!pick) {
      info.revert();
      return;
    }
    onMove({ appt: a, providerId: pick.providerId, start: pick.start, revert: info.revert });
  };

  const dayHeader = (arg: DayHeaderContentArg) => {
    const day = formatDayLabel(wallOfCalendarDate(arg.date).slice(0, 10));
    if (view === 'day' && providers[0])
      return (
        <span className="provider-head">
          <span className="provider-head__name">{providerName(providers[0])}</span>
          <span className="provider-head__count">{day}</span>
        </span>
      );
    if (!multi) {
      const d = wallOfCalendarDate(arg.date).slice(0, 10);
      return (
        <span className="provider-head">
          <span>{day.slice(0, 3)}</span>
          <span className="provider-head__count">{`${d.slice(5, 7)}/${d.slice(8, 10)}`}</span>
        </span>
      );
    }
    const i = dayDiff(wallOfCalendarDate(arg.date).slice(0, 10), date);
    const p = providers[i];
    if (!p) return '';
    const count = appointments.filter((a) => a.provider_id === p.id && isLive(a)).length;
    return (
      <span className="provider-head" title={`${p.given_name} ${p.family_name}${p.credentials ? `, ${p.credentials}` : ''}`}>
        <span className="provider-head__name">{providerShort(p)}</span>
        <span className="provider-head__count">
          {count} {count === 1 ? 'appt' : 'appts'}
        </span>
      </span>
    );
  };

  const viewName = view === 'week' ? 'timeGridWeek' : view === 'day' ? 'timeGridDay' : 'providers';

  return (
    <div className={`praxis-cal${multi ? ' praxis-cal--providers' : ''}`} style={{ height }} data-testid="schedule-calendar" aria-busy={busy}>
      <FullCalendar
        key={`${viewName}-${multi ? ids.length : 1}`}
        ref={ref}
        plugins={[timeGridPlugin, interactionPlugin]}
        timeZone="UTC"
        initialView={viewName}
        initialDate={date}
        views={{ providers: { type: 'timeGrid', duration: { days: Math.max(ids.length, 1) } } }}
        headerToolbar={false}
        height="100%"
        allDaySlot={false}
        firstDay={0}
        slotDuration="00:15:00"
        slotLabelInterval="01:00"
        slotLabelFormat={{ hour: 'numeric', minute: '2-digit', meridiem: 'short' }}
        eventTimeFormat={{ hour: 'numeric', minute: '2-digit', meridiem: 'short' }}
        displayEventEnd={false}
        slotMinTime={slotMin}
        slotMaxTime={slotMax}
        scrollTime={scrollTime}
        expandRows={false}
        nowIndicator={!multi}
        now={() => nowWall(tz)}
        dayHeaderContent={dayHeader}
        dayHeaderDidMount={(arg) => {
          // The columns of "all providers" stand for providers, not days: say so to screen readers.
          if (!multi) return;
          const p = providers[dayDiff(wallOfCalendarDate(arg.date).slice(0, 10), date)];
          if (p) arg.el.setAttribute('aria-label', `${providerName(p)}, ${formatDayLabel(date)}`);
        }}
        events={events}
        eventContent={(arg) => <EventBody arg={arg} />}
        eventClick={eventClick}
        dateClick={dateClick}
        eventDrop={eventDrop}
        eventDragStart={() => document.body.classList.add('praxis-dragging')}
        eventDragStop={() => document.body.classList.remove('praxis-dragging')}
        eventAllow={(span, moving) => {
          const a = moving?.extendedProps.appt as Appointment | undefined;
          const pick = fromCal(wallOfCalendarDate(span.start));
          if (!a || !pick) return false;
          // Not into the past, and only to a provider who offers the type.
          if (pick.start < nowWall(tz).slice(0, 16)) return false;
          return allowMove ? allowMove(a, pick.providerId) : true;
        }}
        editable={canWrite}
        eventDurationEditable={false}
        eventResizableFromStart={false}
        eventInteractive
        slotEventOverlap={false}
        eventOrder="start,title"
        dragRevertDuration={200}
        longPressDelay={400}
      />
    </div>
  );
}
