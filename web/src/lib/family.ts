// Family accounts: a patient whose guarantor is another patient of the practice belongs to
// that guarantor's account (one level: the holder has no guarantor of their own). Payments
// for any member go to the account's oldest balances, the credit is the account's, and
// statements, holds and payment plans are the holder's.
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from './api';
import type { Contact, Patient } from './types';

/** The patient resource's guarantor: a person by name, or (patient_id) a patient of the practice. */
export interface Guarantor extends Contact {
  patient_id?: number | null;
}

export interface FamilyMember {
  patient_id: number;
  mrn: string;
  /** "Family, Given". */
  name: string;
  holder: boolean;
  balances: { insurance_cents: number; patient_cents: number };
}

/** GET /patients/{id}/family-account: the account the patient belongs to (an account of one for most). */
export interface FamilyAccount {
  holder_id: number;
  /** The holder first. */
  members: FamilyMember[];
  /** due_cents: what the patients owe less the account's credit, never below zero. */
  balances: { insurance_cents: number; patient_cents: number; credit_cents: number; due_cents: number };
}

/** The patient who is this patient's guarantor, if any. */
export function guarantorPatientId(p: Pick<Patient, 'guarantor'>): number | null {
  return (p.guarantor as Guarantor | null)?.patient_id ?? null;
}

export const familyCalls = {
  account: (patientId: number, signal?: AbortSignal) => api.get<FamilyAccount>(`/patients/${patientId}/family-account`, undefined, signal),
};

/** Under the patient's ['account', id] key, so a posting that reloads the account reloads this too. */
export function useFamilyAccount(patientId: number, enabled = true) {
  return useQuery({ queryKey: ['account', patientId, 'family'], queryFn: ({ signal }) => familyCalls.account(patientId, signal), enabled });
}

/** More than one patient shares the account. */
export const isFamily = (f: FamilyAccount | undefined): f is FamilyAccount => Boolean(f && f.members.length > 1);

export const holderOf = (f: FamilyAccount): FamilyMember | undefined => f.members.find((m) => m.holder);

/**
 * The server's guarantor refusals read as sentences under the field. "this patient is the
 * guarantor of others" would otherwise get the field's name put in front of it.
 */
export function withGuarantorWording(e: unknown): unknown {
  if (!(e instanceof ApiError) || !e.fieldErrors.some((fe) => fe.field === 'guarantor.patient_id')) return e;
  const errors = e.fieldErrors.map((fe) =>
    fe.field === 'guarantor.patient_id' && /^this patient is the guarantor of others/.test(fe.message)
      ? { ...fe, message: 'This patient is the guarantor of other patients, so cannot have a guarantor who is a patient.' }
      : fe,
  );
  return new ApiError({ ...e.problem, errors });
}
