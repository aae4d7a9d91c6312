// Shapes of the Praxis JSON API (/api/v1). Absent values are null.

export type Permission =
  | 'patient.read'
  | 'patient.write'
  | 'patient.merge'
  | 'provider.read'
  | 'provider.write'
  | 'location.read'
  | 'location.write'
  | 'user.read'
  | 'user.write'
  | 'audit.read'
  | 'practice.admin'
  | 'schedule.read'
  | 'schedule.write'
  | 'schedule.setup'
  | 'schedule.override'
  | 'schedule.reports'
  | (string & {});

export const ROLES = [
  'admin',
  'practice_manager',
  'front_desk',
  'biller',
  'provider',
  'hr',
  'compliance_officer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export interface MeUser {
  id: number;
  email: string;
  display_name: string;
  roles: string[];
  totp_enabled: boolean;
}

export interface Me {
  user: MeUser;
  practice: { id: number; name: string; require_totp: boolean };
  permissions: Permission[];
  csrf_token: string;
  idle_timeout_seconds: number;
  totp_enrolment_required?: boolean;
}

export interface LoginResponse {
  token: string;
  csrf_token: string;
  totp_enrolment_required: boolean;
  user: Partial<MeUser> & { id: number; email: string };
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type PatientStatus = 'active' | 'inactive' | 'deceased' | 'merged';

export interface PatientSummary {
  id: number;
  mrn: string;
  family_name: string;
  given_name: string;
  preferred_name: string | null;
  birth_date: string;
  sex_at_birth: string;
  status: PatientStatus;
  version: number;
}

export interface Address {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country?: string | null;
}

export interface Contact {
  name: string | null;
  relationship: string | null;
  phone: string | null;
}

export interface Patient extends PatientSummary {
  middle_name: string | null;
  gender_identity: string | null;
  address: Address | null;
  phone_mobile: string | null;
  phone_home: string | null;
  phone_work: string | null;
  email: string | null;
  preferred_language: string | null;
  preferred_contact: string | null;
  emergency_contact: Contact | null;
  guarantor: Contact | null;
  sms_consent: boolean | null;
  email_consent: boolean | null;
  privacy_notice_at: string | null;
  merged_into_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface DuplicateCandidate {
  id: number;
  mrn: string;
  family_name: string;
  given_name: string;
  birth_date: string;
}

export interface Provider {
  id: number;
  family_name: string;
  given_name: string;
  credentials: string | null;
  npi: string | null;
  taxonomy: string | null;
  email: string | null;
  phone: string | null;
  active: boolean;
  version: number;
}

export interface Location {
  id: number;
  name: string;
  address: Address | null;
  phone: string | null;
  time_zone: string;
  pos_code: string;
  active: boolean;
  version: number;
}

export interface User {
  id: number;
  email: string;
  display_name: string;
  roles: string[];
  disabled: boolean;
  totp_enabled: boolean;
  last_login_at: string | null;
  version: number;
}

export interface AuditEvent {
  id: number;
  at: string;
  user_id: number | null;
  user_email: string | null;
  action: string;
  object_type: string | null;
  object_id: number | string | null;
  patient_id: number | null;
  ip: string | null;
  outcome: string;
  reason: string | null;
}
