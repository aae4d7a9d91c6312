// The superbill's inputs (diagnoses, then service lines with fees and the total), and the
// server's answer to them put back on the same inputs.
import { Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { ApiError, errorMessage } from '../../lib/api';
import { fieldLabel } from '../../lib/billing';
import { applyServerErrors } from '../../lib/forms';
import { DiagnosisList } from './DiagnosisList';
import type { EncounterForm } from './encounterForm';
import { ServiceLines } from './ServiceLines';

export function EncounterFields({ form, date, payerId }: { form: EncounterForm; date: string | null; payerId?: number | null }) {
  return (
    <Stack gap="lg">
      <DiagnosisList form={form} date={date} />
      <ServiceLines form={form} date={date} payerId={payerId} />
    </Stack>
  );
}

/**
 * Puts a refused save's field errors on the superbill's inputs ("lines[0].code" on line 1's
 * code), then what is left on `header` (patient, date, provider). Returns the sentence for
 * the alert above: null when every error found its input.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function encounterSaveError(form: EncounterForm, e: unknown, header?: UseFormReturnType<any>): string | null {
  if (!(e instanceof ApiError) || !e.fieldErrors.length) return errorMessage(e);
  const labels = Object.fromEntries(e.fieldErrors.map((f) => [f.field, fieldLabel(f.field)]));
  let rest = applyServerErrors(form, e, labels);
  if (header && rest.length) rest = applyServerErrors(header, new ApiError({ ...e.problem, errors: rest }));
  if (!rest.length) return 'Not saved: correct the marked fields.';
  return `Not saved: ${rest.map((f) => `${labels[f.field] ?? f.field} ${f.message}`).join('; ')}.`;
}
