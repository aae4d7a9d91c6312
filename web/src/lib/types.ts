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
  | 'billing.read'
  | 'charge.write'
  | 'claim.write'
  | 'billing.setup'
  | 'payment.write'
  | 'writeoff'
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

// ---- Billing ----

export type PayerKind = 'commercial' | 'medicare' | 'medicaid' | 'tricare' | 'workers_comp' | 'auto' | 'self_pay';

export interface Payer {
  id: number;
  name: string;
  /** The EDI payer id. */
  payer_code: string | null;
  kind: PayerKind;
  /** X12 claim filing indicator (SBR09): CI, MB, MC, ... */
  filing_indicator: string;
  timely_filing_days: number;
  takes_paper: boolean;
  /** The practice takes this payer on assignment (CLM07 A, box 27 yes). */
  accepts_assignment: boolean;
  address: Address | null;
  phone: string | null;
  active: boolean;
  version: number;
}

export type Relationship = 'self' | 'spouse' | 'child' | 'other';
export type Eligibility = 'unknown' | 'active' | 'inactive';

export interface Coverage {
  id: number;
  patient_id: number;
  payer_id: number;
  payer_name: string;
  payer_kind: PayerKind;
  /** 1 primary, 2 secondary, 3 tertiary. */
  priority: number;
  relationship: Relationship;
  subscriber: { family_name: string | null; given_name: string | null; birth_date: string | null; sex: string | null };
  member_id: string;
  group_number: string | null;
  plan_name: string | null;
  effective_from: string;
  effective_to: string | null;
  copay_cents: number | null;
  deductible_cents: number | null;
  deductible_met_cents: number | null;
  eligibility: Eligibility;
  eligibility_checked_at: string | null;
  /** The plan's coinsurance in basis points (2000 = 20%). */
  coinsurance_bp: number | null;
  /** What the payer's last eligibility answer (271) listed, benefit by benefit; [] before one. */
  eligibility_benefits: EligibilityBenefit[];
  /** The insured signed the assignment of benefits to the practice (CLM08). */
  benefits_assigned: boolean;
  /** Y: signed release of information on file; I: informed consent only (CLM09). */
  release_of_information: 'Y' | 'I';
  /** Why Medicare is not primary (SBR05), for Medicare as a later payer. */
  medicare_secondary_type: string | null;
  active: boolean;
  version: number;
}

/** One benefit (EB segment) of a 271 eligibility answer. */
export interface EligibilityBenefit {
  /** EB01: 1 active coverage, A coinsurance, B copay, C deductible, ... */
  code: string;
  /** EB01 in words: "active coverage", "copay", ... */
  kind?: string;
  /** EB03: X12 service type codes ("30" plan coverage, "98" office visit, ...). */
  service_types: string[];
  /** EB02: IND, FAM, ... */
  coverage_level?: string;
  insurance_type?: string;
  plan?: string;
  /** EB06: 23 calendar year, 27 visit, 29 remaining, ... */
  period?: string;
  amount_cents?: number;
  /** Basis points (2000 = 20%). */
  percent_bp?: number;
  /** EB12: Y in network, N out of network, W both. */
  in_network?: 'Y' | 'N' | 'W';
}

/** A row of the charge master. */
export interface Fee {
  id: number;
  code: string;
  /** "" for the code's own fee. */
  modifier: string;
  fee_cents: number;
  effective_from: string;
  effective_to: string | null;
  version: number;
}

export interface ContractRate {
  code: string;
  modifier: string;
  allowed_cents: number;
}

export interface PayerContract {
  id: number;
  payer_id: number;
  name: string;
  effective_from: string;
  effective_to: string | null;
  /** Basis points of the Medicare fee for codes without a listed rate: 12000 = 120%. */
  medicare_pct_bp: number | null;
  rates: ContractRate[];
  version: number;
}

export interface BillingProfile {
  legal_name: string;
  npi: string | null;
  tax_id: string | null;
  taxonomy: string | null;
  address: Address | null;
  phone: string | null;
  medicare_mac: string | null;
  medicare_locality: string | null;
  version: number;
  updated_at?: string;
}

/** The practice's EDI set-up: who sends the 837P files and to whom (the clearinghouse). */
export interface EdiSettings {
  submitter_name: string;
  submitter_id: string;
  contact_name: string;
  contact_phone: string;
  receiver_name: string;
  receiver_id: string;
  isa_sender_qual: string;
  isa_sender_id: string;
  isa_receiver_qual: string;
  isa_receiver_id: string;
  gs_sender: string;
  gs_receiver: string;
  /** ISA15: T test, P production. */
  usage: 'T' | 'P';
  /** The control number of the last file sent (0 before the first). */
  last_control: number;
  version: number;
  updated_at?: string;
}

/** An 837P file sent: its interchange control number, how many claims and their total. */
export interface ClaimBatch {
  id: number;
  control: number;
  claims: number;
  total_cents: number;
  created_at: string;
}

/** The answer to sending claims: the batch, the claims in it, and those left out and why. */
export interface ClaimBatchResult extends ClaimBatch {
  claim_ids: number[];
  skipped: { claim_id: number; reason: string }[];
}

// ---- Inbound X12 files (835 remittances, 999 and 277CA acknowledgments) ----

/** A remittance as the list has it (one 835 transaction set: one payment). */
export interface RemittanceSummary {
  id: number;
  payer_name: string;
  /** BPR04: ACH, CHK, NON, ... */
  method: string;
  trace: string | null;
  paid_on: string | null;
  amount_cents: number;
  claims: number;
  unmatched: number;
  /** The payment equals the claims paid less the provider adjustments. */
  balanced: boolean;
  created_at: string;
}

/** A claim or line adjustment (CAS): group (CO, PR, OA, PI, CR), reason (CARC), amount. */
export interface RemitAdjustment {
  group: string;
  reason: string;
  amount_cents: number;
  quantity?: string;
}

export type RemitLineMatch = 'exact' | 'modifiers_differ' | 'code_only' | 'none';

export interface RemitLine {
  code: string | null;
  modifiers: string[];
  /** SVC06: the code billed, when the payer paid another. */
  original_code?: string | null;
  charge_cents: number;
  paid_cents: number;
  units: string;
  date?: string | null;
  adjustments: RemitAdjustment[];
  remarks: string[];
  /** The line number of the Praxis claim's line it matched. */
  claim_line: number | null;
  match: RemitLineMatch;
}

export interface RemitClaim {
  /** CLP01: the claim id Praxis sent. */
  claim_ref: string;
  claim_id: number | null;
  match: 'claim_id' | 'payer_claim_number' | 'none';
  /** CLP02: 1 processed as primary, 4 denied, 22 reversal, ... */
  status: string;
  charge_cents: number;
  paid_cents: number;
  patient_cents: number;
  payer_claim_number: string;
  adjustments: RemitAdjustment[];
  remarks: string[];
  lines: RemitLine[];
}

/** A provider-level adjustment (PLB): positive takes money back, negative pays more. */
export interface ProviderAdjustment {
  reason: string;
  reference: string;
  amount_cents: number;
}

export interface Remittance {
  id: number;
  payer: { name?: string; id?: string };
  payee: { name?: string; npi?: string; tax_id?: string };
  payment: { method?: string; amount_cents: number; credit_debit?: string; date?: string | null; trace?: string };
  claims: RemitClaim[];
  provider_adjustments: ProviderAdjustment[];
  totals: { claims_paid_cents: number; provider_adjustments_cents: number; balanced: boolean };
  unmatched: number;
  payer_id: number | null;
  file_id: number;
  created_at: string;
}

export interface EnvelopeError {
  line: number;
  segment: string;
  element: number | null;
  transaction: number | null;
  message: string;
}

/** The answer to an 835 upload: the remittances it holds (those of the first import, for a duplicate). */
export interface RemitImport {
  file_id: number;
  duplicate: boolean;
  remittances: (Pick<RemittanceSummary, 'id' | 'payer_name' | 'amount_cents' | 'claims' | 'unmatched' | 'balanced'> & { posting?: RemitPosting })[];
  envelope_errors: EnvelopeError[];
  /** Set when posting stopped on an error: what is not posted waits for POST /remittances/{id}/post. */
  posting_error?: string;
}

/** What the import posted to the journal from one remittance. */
export interface RemitPosting {
  claims_posted: number;
  /** Lines the payer denied, now on the denials worklist. */
  denials: number;
  /** What could not be posted, on the posting exceptions list. */
  exceptions: number;
}

export type AckOutcome = 'accepted' | 'rejected' | 'left as it was' | 'unknown claim';

/** The answer to a 999 or 277CA upload: the claims it answered and what became of each. */
export interface AckImport {
  kind: '999' | '277';
  claims: { claim_id: number; outcome: AckOutcome }[];
  duplicate: boolean;
}

export type X12Import = RemitImport | AckImport;

/** The answer to a 271 upload: each coverage it answered and what became of it. */
export interface EligibilityImport {
  kind: '271';
  coverages: { coverage_id: number | null; eligibility?: Eligibility; outcome: 'updated' | 'the payer could not answer' | 'unknown coverage'; error_code?: string }[];
  duplicate: boolean;
}

export type CodeSetKind = 'icd10cm' | 'hcpcs' | 'ncci_ptp' | 'mue' | 'pfs' | 'gpci';

export interface CodeSetRelease {
  kind: CodeSetKind;
  effective_from: string;
  source_name: string;
  rows: number;
  bad_lines: number;
  loaded_at: string;
}

/** A typeahead match: `display` has the ICD-10-CM dot; billable is 0 for a category header. */
export interface CodeHit {
  code: string;
  display: string;
  description: string;
  billable: number | boolean;
}

export interface FeeQuote {
  fee_cents: number | null;
  expected_cents: number | null;
  basis: string | null;
}

/** A checked-out visit waiting for charge entry. */
export interface QueueVisit {
  appointment_id: number;
  patient_id: number;
  patient: { name: string; mrn: string };
  provider_id: number;
  provider_name: string;
  location_id: number;
  start: string;
  service_date: string;
}

export interface EncounterLine {
  charge_id?: number;
  line_no: number;
  code: string;
  modifiers: string[];
  units: number;
  /** Diagnosis positions, 1-based. */
  pointers: number[];
  unit_fee_cents: number;
  charge_cents: number;
}

export interface Encounter {
  id: number;
  patient_id: number;
  appointment_id: number | null;
  service_date: string;
  rendering_provider_id: number;
  rendering_provider_name?: string;
  billing_provider_id: number | null;
  location_id: number;
  pos_code: string;
  referring: { name: string | null; npi: string | null };
  prior_auth: string | null;
  diagnoses: string[];
  status: 'open' | 'billed' | 'void';
  charge_lag_days: number;
  patient: { name: string; mrn: string };
  lines: EncounterLine[];
  total_cents: number;
  version: number;
}

export type ClaimStatus = 'draft' | 'ready' | 'submitted' | 'accepted' | 'rejected' | 'paid' | 'partial' | 'denied' | 'closed';

export interface ClaimEdit {
  edit: string;
  severity: 'error' | 'warning';
  /** Where: "lines[1].modifiers", "diagnoses[0]", "billing_provider.npi", ... */
  field: string;
  message: string;
}

export interface ClaimLine {
  line_no: number;
  code: string;
  modifiers: string[];
  units: number;
  pointers: number[];
  charge_cents: number;
  expected_cents: number | null;
  /** Covered by the payer's capitation contract: charged to nobody but the copay, expected $0,
   * sent as encounter data. */
  capitated: boolean;
}

export interface ClaimEvent {
  at: string;
  user: string | null;
  from: ClaimStatus | null;
  to: ClaimStatus;
  note: string | null;
}

export interface Claim {
  id: number;
  encounter_id: number;
  patient_id: number;
  payer_id: number;
  payer_name: string;
  payer_order: number;
  patient: { name: string; mrn: string };
  service_date: string;
  status: ClaimStatus;
  /** "1" original, "7" corrected, "8" void. */
  frequency: string;
  replaces_id: number | null;
  replaced_by: number | null;
  payer_claim_number: string | null;
  total_cents: number;
  expected_cents: number | null;
  errors: number;
  warnings: number;
  scrubbed_at: string | null;
  submitted_at: string | null;
  version: number;
}

export interface ClaimDetail extends Claim {
  lines: ClaimLine[];
  edits: ClaimEdit[];
  history: ClaimEvent[];
}

export interface ClaimSummary {
  by_status: { status: ClaimStatus; claims: number; total_cents: number }[];
  by_edit: { edit: string; severity: 'error' | 'warning'; claims: number }[];
  edits: { edit: string; severity: 'error' | 'warning'; checks: string }[];
}

// ---- The journal (ledger): patient accounts, postings, A/R and the posting worklists ----

export type EntryKind = 'charge' | 'payment' | 'insurance_payment' | 'adjustment' | 'writeoff' | 'transfer' | 'refund' | 'credit_apply' | 'reversal';

export type PaymentMethod = 'cash' | 'check' | 'card' | 'eft' | 'other';

/** What a patient's visits are owed by: payers, the patient, and the patient's unapplied credit. */
export interface AccountBalances {
  insurance_cents: number;
  patient_cents: number;
  credit_cents: number;
}

/** One journal entry as it moved a patient's balances, with the balances after it. */
export interface AccountEntry extends AccountBalances {
  id: number;
  kind: EntryKind;
  effective_date: string;
  method: string | null;
  reference: string | null;
  reason: string | null;
  /** The entry this one reverses. */
  reverses: number | null;
  claim_id: number | null;
  payer_id: number | null;
  balance: AccountBalances;
}

export interface PatientAccount {
  patient_id: number;
  balances: AccountBalances;
  /** Oldest first. */
  entries: AccountEntry[];
}

export interface JournalLine {
  /** The chart of accounts: 1000 cash, 1100 insurance A/R, 1110 patient A/R, 2100 patient credit, 4xxx revenue and adjustments. */
  account: string;
  /** Debit positive, credit negative. */
  amount_cents: number;
  patient_id: number | null;
  payer_id: number | null;
  charge_id: number | null;
  group: string | null;
  reason: string | null;
}

export interface JournalEntry {
  id: number;
  kind: EntryKind;
  effective_date: string;
  reverses?: number | null;
  reversed_by?: number | null;
  lines: JournalLine[];
  /** A replay of an Idempotency-Key: the entry posted the first time. */
  duplicate?: boolean;
}

export type AgingBy = 'payer' | 'patient';

export interface AgingRow {
  /** The payer or patient; null for what the patient owes (by payer). */
  id: number | null;
  name: string;
  /** One figure per bucket. */
  cents: number[];
  total_cents: number;
}

export interface ArAging {
  as_of: string;
  by: AgingBy;
  /** "0-30", "31-60", "61-90", "91-120", "120+" (days from the date of service). */
  buckets: string[];
  rows: AgingRow[];
  totals: { cents: number[]; total_cents: number };
  /** Every A/R line of the journal up to the date: the table's total must equal it. */
  ar_cents: number;
}

/** A reporting period, both days included ("YYYY-MM-DD"). */
export interface Period {
  from: string;
  to: string;
}

/** A revenue-cycle indicator: value (a percentage, or days) = numerator / denominator; null when there is nothing to divide by. */
export interface KpiRatio {
  value: number | null;
  numerator: number;
  denominator: number;
}

/** GET /reports/revenue-cycle: the indicators of a period, each with the numbers it is made of. */
export interface RevenueCycle extends Period {
  totals: {
    charges_cents: number;
    payments_cents: number;
    contractual_cents: number;
    other_adjustments_cents: number;
    /** Owed at the end of the period. */
    ar_cents: number;
  };
  /** The A/R at `to` over the period's average charges per day. */
  days_in_ar: { value: number | null; ar_cents: number; charges_cents: number; days: number };
  /** Percentages (0–100): payments / charges. */
  gross_collection_rate: KpiRatio;
  /** Payments / (charges − contractual adjustments). */
  net_collection_rate: KpiRatio;
  /** Claims with a denial / claims adjudicated (counts). */
  denial_rate: KpiRatio;
  /** Claims sent and never rejected / claims sent (counts). */
  clean_claim_rate: KpiRatio;
  /** Claims paid on their one submission / claims decided (counts). */
  first_pass_resolution_rate: KpiRatio;
  /** Days from visit to charge entry: the sum of days / visits. */
  charge_lag_days: KpiRatio;
  /** A/R over 90 days / A/R (cents). */
  ar_over_90_share: KpiRatio;
}

export type MoneyBy = 'provider' | 'payer' | 'code' | 'month';

/** A row of GET /reports/money: one provider, payer ("Patients" for none), code or month ("YYYY-MM"). */
export interface MoneyRow {
  name: string;
  charges_cents: number;
  /** Payments against the charges of this row (credits not applied: "Not a visit's"). */
  payments_cents: number;
  /** Contractual adjustments, other adjustments and write-offs. */
  adjustments_cents: number;
}

export interface Denial {
  id: number;
  claim_id: number;
  line_no: number;
  patient_id: number;
  payer_id: number;
  payer_name: string;
  amount_cents: number;
  /** "CO-50,N115": adjustment group and reason codes, then remark codes. */
  reasons: string;
  denied_on: string;
  appeal_by: string | null;
  status: DenialStatus;
}

/** Where a denial is: waiting to be worked, with the payer again, or done. */
export type DenialStatus = 'open' | 'appealed' | 'resubmitted' | 'written_off' | 'closed';

/** The answer to working a denial: the step it took. */
export interface DenialUpdate {
  id: number;
  status: DenialStatus;
  from: DenialStatus;
  note: string | null;
}

/** A statement run: what it printed, referred to collections and billed. */
export interface StatementRun {
  id: number;
  /** The statement date. */
  as_of: string;
  min_balance_cents: number;
  /** Statements printed (first, second and final notices). */
  statements: number;
  /** Accounts past their final notice: referred to collections, not printed. */
  collections: number;
  /** What the printed statements bill, in all. */
  total_cents: number;
}

/** A patient's account on hold from statements (disputed, payment plan), or not (null). */
/** Whether statement runs pass over an account (the holder's, in a family). */
export interface AccountHold {
  patient_id: number;
  /** The reason of a hold set by hand, or null. */
  hold: string | null;
  since: string | null;
  /** The active payment plan, which holds the account while it runs, or null. */
  payment_plan_id: number | null;
}

export interface Underpayment {
  id: number;
  claim_id: number;
  line_no: number;
  patient_id: number;
  payer_id: number;
  payer_name: string;
  expected_cents: number;
  allowed_cents: number;
  paid_cents: number;
  difference_cents: number;
  status: string;
}

export interface PostingException {
  id: number;
  remittance_id: number;
  claim_id: number | null;
  line: number | null;
  reason: string;
  amount_cents: number | null;
  status: string;
  created_at: string;
}
