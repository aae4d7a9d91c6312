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
