// Every way the app writes a date, a time, an amount or a name is here, so that
// formats (and later translations) change in one place.

import type { Address } from './types';

export const LOCALE = 'en-US';
export const CURRENCY = 'USD';

const moneyFmt = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: CURRENCY, minimumFractionDigits: 2, maximumFractionDigits: 2 });
const numberFmt = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Money arrives as integer cents. Negative amounts (credits) are written with a
 * leading minus sign and in parentheses-free form: "−$12.50".
 */
export function formatMoney(cents: number | null | undefined, opts: { symbol?: boolean } = {}): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '';
  const negative = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const amount = abs / 100;
  const body = opts.symbol === false ? numberFmt.format(amount) : moneyFmt.format(amount);
  return negative ? `\u2212${body}` : body;
}

/** Parses "12.50", "$1,234.5", "-3" into integer cents; null if not a number. */
export function parseMoney(text: string): number | null {
  const s = text.replace(/[$,\s]/g, '').replace('\u2212', '-');
  if (!/^-?\d+(\.\d{0,2})?$/.test(s)) return null;
  const negative = s.startsWith('-');
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  return negative ? -cents : cents;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function splitIsoDate(iso: string): [number, number, number] | null {
  const m = ISO_DATE.exec(iso.slice(0, 10));
  if (!m) return null;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** A calendar date ("YYYY-MM-DD", no time zone) as the user reads it: 04/02/1980. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = splitIsoDate(iso);
  if (!p) return iso;
  const [y, m, d] = p;
  return `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
}

/** The display/entry format for calendar dates, for date inputs (dayjs tokens). */
export const DATE_INPUT_FORMAT = 'MM/DD/YYYY';
export const DATE_INPUT_PLACEHOLDER = 'MM/DD/YYYY';
/** Format, placeholder and parser that every calendar-date input shares. */
export const DATE_INPUT_PROPS = {
  valueFormat: DATE_INPUT_FORMAT,
  placeholder: DATE_INPUT_PLACEHOLDER,
  dateParser: (s: string) => parseDateInput(s),
};

/**
 * What a person types for a date: 04/02/1980, 4/2/1980, 04021980, 1980-04-02.
 * Returns "YYYY-MM-DD" or null when it is not a real date.
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) {
    [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{2})(\d{2})(\d{4})$/.exec(s))) {
    [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return null;
  }
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today's calendar date on this device, "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Age in whole years (or months / days for babies) on `today`, as a short label: "44 y", "7 mo", "12 d". */
export function formatAge(birthIso: string | null | undefined, today: string = todayIso()): string {
  if (!birthIso) return '';
  const b = splitIsoDate(birthIso);
  const t = splitIsoDate(today);
  if (!b || !t) return '';
  let years = t[0] - b[0];
  if (t[1] < b[1] || (t[1] === b[1] && t[2] < b[2])) years -= 1;
  if (years >= 2) return `${years} y`;
  let months = (t[0] - b[0]) * 12 + (t[1] - b[1]);
  if (t[2] < b[2]) months -= 1;
  if (months >= 1) return `${months} mo`;
  const days = Math.round((Date.UTC(t[0], t[1] - 1, t[2]) - Date.UTC(b[0], b[1] - 1, b[2])) / 86400000);
  return days >= 0 ? `${days} d` : '';
}

/** "04/02/1980 (44 y)" */
export function formatBirthDate(birthIso: string | null | undefined): string {
  if (!birthIso) return '';
  const age = formatAge(birthIso);
  return age ? `${formatDate(birthIso)} (${age})` : formatDate(birthIso);
}

/**
 * An instant (RFC 3339) in a time zone (IANA; default: this device's), with the
 * weekday: "Tue 04/02/2024 9:05 AM".
 */
export function formatDateTime(instant: string | null | undefined, timeZone?: string, opts: { weekday?: boolean; seconds?: boolean } = {}): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const parts = new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: 'numeric',
    minute: '2-digit',
    second: opts.seconds ? '2-digit' : undefined,
  }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const time = `${get('hour')}:${get('minute')}${opts.seconds ? `:${get('second')}` : ''} ${get('dayPeriod')}`.trim();
  const date = `${get('month')}/${get('day')}/${get('year')}`;
  return opts.weekday === false ? `${date} ${time}` : `${get('weekday')} ${date} ${time}`;
}

/** "Smith, Jane Q." — how patients and providers are listed. */
export function formatPersonName(p: { family_name?: string | null; given_name?: string | null; middle_name?: string | null }): string {
  const family = p.family_name?.trim() ?? '';
  const given = [p.given_name, p.middle_name].filter((x) => x && x.trim()).join(' ');
  if (family && given) return `${family}, ${given}`;
  return family || given;
}

/** US phone numbers as (555) 123-4567; anything else unchanged. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (ten.length === 10) return `(${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6)}`;
  return phone;
}

/** "Springfield, IL 62701": city, then state and ZIP; empty parts left out. */
export function formatCityLine(a: Pick<Address, 'city' | 'state' | 'postal_code'> | null | undefined): string {
  return [a?.city, [a?.state, a?.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

export const SEX_AT_BIRTH_LABELS: Record<string, string> = {
  F: 'Female',
  M: 'Male',
  X: 'X (non-binary / unspecified)',
  U: 'Unknown',
};

export const PREFERRED_CONTACT_LABELS: Record<string, string> = {
  phone: 'Phone call',
  sms: 'Text message (SMS)',
  email: 'Email',
  mail: 'Mail',
};

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  practice_manager: 'Practice manager',
  front_desk: 'Front desk',
  biller: 'Biller / coder',
  provider: 'Provider',
  hr: 'HR / office manager',
  compliance_officer: 'Compliance officer',
  auditor: 'Auditor',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

export function yesNo(v: boolean | null | undefined): string {
  if (v === null || v === undefined) return 'Not recorded';
  return v ? 'Yes' : 'No';
}

const percentFmt = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const percentFmt0 = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 0 });

/** A ratio (0.253) as "25.3%" (or "25%" with `whole`); "—" when there is none. */
export function formatPercent(ratio: number | null | undefined, opts: { whole?: boolean } = {}): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '\u2014';
  return (opts.whole ? percentFmt0 : percentFmt).format(ratio);
}

const decimalFmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

/** A count of minutes as "12 min", "4.5 min"; "—" when there is none. */
export function formatMinutes(min: number | null | undefined): string {
  if (min === null || min === undefined || !Number.isFinite(min)) return '\u2014';
  return `${decimalFmt.format(min >= 10 ? Math.round(min) : Math.round(min * 10) / 10)} min`;
}

/** Minutes as hours with one decimal: "37.5 h". */
export function formatHours(min: number | null | undefined): string {
  if (min === null || min === undefined || !Number.isFinite(min)) return '\u2014';
  return `${decimalFmt.format(Math.round((min / 60) * 10) / 10)} h`;
}

/** A number with at most one decimal ("2.5"); "—" when there is none. */
export function formatDecimal(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '\u2014';
  return decimalFmt.format(n);
}

const countFmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** A whole count with grouping: "1,777"; "—" when there is none. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '\u2014';
  return countFmt.format(n);
}

/** A number of days with at most one decimal: "1 day", "16.9 days"; "—" when there is none. */
export function formatDays(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '\u2014';
  const text = decimalFmt.format(n);
  return `${text} ${text === '1' ? 'day' : 'days'}`;
}

const monthFmt = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A month "2026-10" as "Oct 2026" (anything else unchanged). */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return m ? monthFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : ym;
}
