// Helpers shared by every form: server problem+json field errors land on the
// same fields as inline validation; values are trimmed and blanks become null.
import type { UseFormReturnType } from '@mantine/form';
import { ApiError, errorMessage, type FieldError } from './api';
import type { Address } from './types';

function hasPath(values: unknown, path: string): boolean {
  let cur: unknown = values;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as Record<string, unknown>))) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return true;
}

/** A server field name as a form path: "lines[0].code" is "lines.0.code". */
export function formPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Puts each server field error on its form field ("address.postal_code" is the
 * nested field, "lines[0].code" the first line's code). Returns the errors that
 * match no field, for a summary alert.
 */
export function applyServerErrors(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturnType<any, any>,
  error: unknown,
  labels: Record<string, string> = {},
): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: FieldError[] = [];
  const values = form.getValues();
  const mapped: Record<string, string> = {};
  for (const fe of error.fieldErrors) {
    const path = formPath(fe.field ?? '');
    if (path && hasPath(values, path)) {
      const msg = serverMessage(fe, labels);
      mapped[path] = mapped[path] ? `${mapped[path]} ${msg}` : msg;
    } else {
      unmatched.push(fe);
    }
  }
  if (Object.keys(mapped).length) {
    form.setErrors({ ...form.errors, ...mapped });
    // Move focus to the first field the server rejected.
    const first = Object.keys(mapped)[0];
    window.setTimeout(() => {
      const el = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(first)}"]`);
      el?.focus();
    }, 0);
  }
  return unmatched;
}

/**
 * Like applyServerErrors, and returns the message for the form's alert: null when
 * every problem landed on a field, else the error's message.
 */
export function submitError(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturnType<any, any>,
  error: unknown,
): string | null {
  const rest = applyServerErrors(form, error);
  return !(error instanceof ApiError) || !error.fieldErrors.length || rest.length ? errorMessage(error) : null;
}

/**
 * The server words field messages as predicates ("is required", "must be a phone
 * number"); under a field they read better with the field's name in front.
 */
export function serverMessage(fe: FieldError, labels: Record<string, string> = {}): string {
  const m = fe.message.trim();
  if (!m || !/^[a-z]/.test(m)) return m;
  const label = labels[fe.field] ?? humanizeField(fe.field);
  return `${label} ${m}`;
}

/** "" → null, trims strings. */
export function blankToNull(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

export function nullToBlank(v: string | null | undefined): string {
  return v ?? '';
}

/** A postal address as form fields (blank strings, not null). */
export interface AddressValues {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postal_code: string;
}

export function addressToValues(a: Address | null | undefined): AddressValues {
  return {
    line1: nullToBlank(a?.line1),
    line2: nullToBlank(a?.line2),
    city: nullToBlank(a?.city),
    state: nullToBlank(a?.state),
    postal_code: nullToBlank(a?.postal_code),
  };
}

/** Address fields → API JSON: trimmed, state upper-cased, null when all are blank. */
export function addressToBody(v: AddressValues): Omit<Address, 'country'> | null {
  const address = {
    line1: blankToNull(v.line1),
    line2: blankToNull(v.line2),
    city: blankToNull(v.city),
    state: blankToNull(v.state)?.toUpperCase() ?? null,
    postal_code: blankToNull(v.postal_code),
  };
  return Object.values(address).some((x) => x !== null) ? address : null;
}

export function humanizeField(field: string): string {
  const last = field.split('.').pop() ?? field;
  const s = last.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** NPI: 10 digits whose last is a Luhn check digit over "80840" + first nine. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = ('80840' + npi.slice(0, 9)).split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = digits[i];
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === Number(npi[9]);
}

/** Inline rule for an optional NPI field. */
export function npiRule(v: string): string | null {
  const t = v.trim();
  if (!t) return null;
  if (!/^\d{10}$/.test(t)) return 'NPI is 10 digits';
  return isValidNpi(t) ? null : 'This NPI fails its check digit; check for a typo';
}

/** A NUCC provider taxonomy code: 10 characters ending in X. */
export const TAXONOMY_RE = /^[0-9]{3}[0-9A-Z]{6}X$/;

/** Inline rule for an optional taxonomy field. */
export function taxonomyRule(v: string): string | null {
  return v.trim() && !TAXONOMY_RE.test(v.trim().toUpperCase()) ? 'Taxonomy code is 10 characters ending in X, e.g. 207Q00000X' : null;
}

/** Inline rules for the optional parts of an address (state and ZIP code). */
export const addressRules = {
  state: (v: string) => (v.trim() && !/^[A-Za-z]{2}$/.test(v.trim()) ? 'Use the 2-letter state code' : null),
  postal_code: (v: string) => (v.trim() && !/^\d{5}(-?\d{4})?$/.test(v.trim()) ? 'ZIP code is 5 digits (or ZIP+4)' : null),
};

/** Inline rule for an end date: not before the start date the form holds under `from`. */
export function endNotBefore<K extends string>(from: K) {
  return (to: string | null, all: { [k in K]?: string | null }) => (to && all[from] && to < all[from]! ? 'Ends before it starts' : null);
}

export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPhoneLike(v: string): boolean {
  const digits = v.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 && /^[\d\s()+.\-]+$/.test(v.trim());
}

/** Keys of `after` whose JSON differs from `before` (for PATCH bodies). */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** A PATCH body: the record's version and the given keys of `after`. */
export function patchBody(version: number, after: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { version };
  for (const k of keys) body[k] = after[k];
  return body;
}
