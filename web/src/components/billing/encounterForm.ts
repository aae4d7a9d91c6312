// The superbill as a form: diagnoses (A = the first) and service lines, shared by charge
// entry and the claim's fix-in-place editor. Paths follow the server's field names
// ("lines[0].code" is "lines.0.code"), so its errors land on the same inputs.
import { useForm, type UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { dxLetter, MAX_DX, MAX_MODS, MAX_PTRS, PROC_CODE_RE } from '../../lib/billing';
import type { Encounter } from '../../lib/types';

export interface LineValues {
  key: string;
  code: string;
  /** Always MAX_MODS entries; blanks are left out when sent. */
  modifiers: string[];
  units: number | string;
  /** Diagnosis positions, 1-based, in the order chosen (the first is the main one). */
  pointers: number[];
}

export interface EncounterValues {
  diagnoses: string[];
  lines: LineValues[];
}

export type EncounterForm = UseFormReturnType<EncounterValues>;

const pad = (mods: string[]) => [...mods, '', '', '', ''].slice(0, MAX_MODS);

export const emptyLine = (): LineValues => ({ key: randomId(), code: '', modifiers: pad([]), units: 1, pointers: [1] });

export function encounterToValues(e?: Pick<Encounter, 'diagnoses' | 'lines'> | null): EncounterValues {
  if (!e) return { diagnoses: [''], lines: [emptyLine()] };
  return {
    diagnoses: e.diagnoses.length ? [...e.diagnoses] : [''],
    lines: e.lines.map((l) => ({ key: randomId(), code: l.code, modifiers: pad(l.modifiers), units: l.units, pointers: [...l.pointers] })),
  };
}

export function encounterBody(v: EncounterValues) {
  return {
    diagnoses: v.diagnoses.map((d) => d.trim().toUpperCase()),
    lines: v.lines.map((l) => ({
      code: l.code.trim().toUpperCase(),
      modifiers: l.modifiers.map((m) => m.trim().toUpperCase()).filter(Boolean),
      units: Number(l.units),
      pointers: l.pointers,
    })),
  };
}

const ICD_RE = /^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/;

/** Inline checks, in plain words, keyed by form path. */
export function encounterErrors(v: EncounterValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  v.diagnoses.forEach((d, i) => {
    const code = d.trim().toUpperCase();
    if (!code) errors[`diagnoses.${i}`] = `Enter diagnosis ${dxLetter(i)} or remove it`;
    else if (!ICD_RE.test(code)) errors[`diagnoses.${i}`] = 'An ICD-10-CM code such as E11.9';
    else if (seen.has(code.replace('.', ''))) errors[`diagnoses.${i}`] = 'Listed twice';
    seen.add(code.replace('.', ''));
  });
  if (v.lines.length === 0) errors.lines = 'Add at least one service line';
  v.lines.forEach((l, i) => {
    const code = l.code.trim().toUpperCase();
    if (!code) errors[`lines.${i}.code`] = 'Enter the procedure code';
    else if (!PROC_CODE_RE.test(code)) errors[`lines.${i}.code`] = 'A CPT or HCPCS code has 5 letters or digits';
    if (l.modifiers.some((m) => m.trim() && !/^[A-Za-z0-9]{2}$/.test(m.trim()))) errors[`lines.${i}.modifiers`] = 'A modifier is two letters or digits';
    const u = Number(l.units);
    if (!(Number.isInteger(u) && u >= 1 && u <= 9999)) errors[`lines.${i}.units`] = 'Units from 1 to 9999';
    if (l.pointers.length === 0) errors[`lines.${i}.pointers`] = 'Point to at least one diagnosis';
    else if (l.pointers.length > MAX_PTRS) errors[`lines.${i}.pointers`] = `At most ${MAX_PTRS} diagnoses`;
    else if (l.pointers.some((p) => p > v.diagnoses.length)) errors[`lines.${i}.pointers`] = 'Points to a diagnosis that is gone';
  });
  return errors;
}

export function useEncounterForm(initial: EncounterValues) {
  return useForm<EncounterValues>({ initialValues: initial, validateInputOnBlur: true, validate: encounterErrors });
}

/** Removes diagnosis `index`, and renumbers the lines' pointers to the ones after it. */
export function removeDiagnosis(form: EncounterForm, index: number) {
  const v = form.getValues();
  const pos = index + 1;
  form.setValues({
    diagnoses: v.diagnoses.filter((_, i) => i !== index),
    lines: v.lines.map((l) => ({ ...l, pointers: l.pointers.filter((p) => p !== pos).map((p) => (p > pos ? p - 1 : p)) })),
  });
  form.clearErrors();
}

export const canAddDiagnosis = (v: EncounterValues) => v.diagnoses.length < MAX_DX;
