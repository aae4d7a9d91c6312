// One colour per status, everywhere. Colour is never the only signal: the badge
// always carries the word too.

export const PATIENT_STATUS: Record<string, { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  inactive: { label: 'Inactive', color: 'gray' },
  deceased: { label: 'Deceased', color: 'dark' },
  merged: { label: 'Merged', color: 'violet' },
};

export const ACTIVE_STATUS = {
  active: { label: 'Active', color: 'teal' },
  inactive: { label: 'Inactive', color: 'gray' },
  disabled: { label: 'Disabled', color: 'red' },
} as const;

export const OUTCOME_STATUS: Record<string, { label: string; color: string }> = {
  success: { label: 'Success', color: 'teal' },
  ok: { label: 'Success', color: 'teal' },
  denied: { label: 'Denied', color: 'red' },
  failure: { label: 'Failure', color: 'orange' },
  failed: { label: 'Failure', color: 'orange' },
  error: { label: 'Error', color: 'orange' },
};

/** Appointment states: one colour each, on the calendar, the board and in badges. */
export const APPOINTMENT_STATUS: Record<string, { label: string; color: string }> = {
  booked: { label: 'Booked', color: 'blue' },
  confirmed: { label: 'Confirmed', color: 'indigo' },
  arrived: { label: 'Arrived', color: 'orange' },
  roomed: { label: 'Roomed', color: 'grape' },
  with_provider: { label: 'With provider', color: 'violet' },
  checked_out: { label: 'Checked out', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
  no_show: { label: 'No-show', color: 'red' },
  rescheduled: { label: 'Rescheduled', color: 'cyan' },
};

export const WAITLIST_STATUS: Record<string, { label: string; color: string }> = {
  waiting: { label: 'Waiting', color: 'blue' },
  offered: { label: 'Offered', color: 'orange' },
  booked: { label: 'Booked', color: 'teal' },
  removed: { label: 'Removed', color: 'gray' },
};

export const EXCEPTION_KIND: Record<string, { label: string; color: string }> = {
  blocked: { label: 'Blocked', color: 'red' },
  extra: { label: 'Extra session', color: 'teal' },
};

/** Reminder states (of one reminder of an appointment). */
export const REMINDER_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: 'Planned', color: 'blue' },
  sending: { label: 'Sending', color: 'cyan' },
  sent: { label: 'Sent', color: 'teal' },
  skipped: { label: 'Skipped', color: 'gray' },
  failed: { label: 'Failed', color: 'red' },
};

/** Claim states: one colour each, in the worklist's counts, its rows and the claim's page. */
export const CLAIM_STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  ready: { label: 'Ready', color: 'blue' },
  submitted: { label: 'Submitted', color: 'indigo' },
  accepted: { label: 'Accepted', color: 'cyan' },
  rejected: { label: 'Rejected', color: 'orange' },
  paid: { label: 'Paid', color: 'teal' },
  partial: { label: 'Partly paid', color: 'violet' },
  denied: { label: 'Denied', color: 'red' },
  closed: { label: 'Closed', color: 'dark' },
};

/** A claim edit's severity: an error stops the claim, a warning does not. */
export const EDIT_SEVERITY: Record<string, { label: string; color: string }> = {
  error: { label: 'Error', color: 'red' },
  warning: { label: 'Warning', color: 'yellow' },
};

/** A coverage's eligibility as last checked. */
export const ELIGIBILITY_STATUS: Record<string, { label: string; color: string }> = {
  unknown: { label: 'Not checked', color: 'gray' },
  active: { label: 'Eligible', color: 'teal' },
  inactive: { label: 'Not eligible', color: 'red' },
};

/** A payment plan's state. */
export const PLAN_STATUS: Record<string, { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  completed: { label: 'Paid off', color: 'blue' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** One installment of a payment plan. */
export const INSTALLMENT_STATUS: Record<string, { label: string; color: string }> = {
  paid: { label: 'Paid', color: 'teal' },
  'part paid': { label: 'Part paid', color: 'yellow' },
  due: { label: 'Due', color: 'blue' },
  late: { label: 'Late', color: 'red' },
};
