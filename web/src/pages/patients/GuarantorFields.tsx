// Who pays for a patient: the patient themself, another patient of the practice (a family
// account: their account holds this patient's balances), or someone who is not a patient (a
// name, relationship and phone). The guarantor patient is found with the patient picker (never
// the patient being edited) and shown with their MRN and a link; "Remove" takes them off.
import { useRef, useState, type ReactNode } from 'react';
import { Button, Grid, Group, Input, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconUser, IconX } from '@tabler/icons-react';
import { PatientPicker, type PickedPatient } from '../../components/schedule/PatientPicker';
import { GuarantorPatientName } from './GuarantorPatient';
import type { PatientForm } from './PatientForm';

export type GuarantorKind = 'self' | 'patient' | 'other';

const KINDS: { value: GuarantorKind; label: string }[] = [
  { value: 'self', label: 'The patient' },
  { value: 'patient', label: 'Another patient of the practice' },
  { value: 'other', label: 'Someone who is not a patient' },
];

function ChosenPatient({ id, picked, error, onRemove }: { id: number; picked: PickedPatient | null; error?: ReactNode; onRemove: () => void }) {
  return (
    <Input.Wrapper label="Guarantor patient" required error={error}>
      <Paper p="xs" mt={4} bg="gray.0" withBorder={Boolean(error)} style={error ? { borderColor: 'var(--mantine-color-error)' } : undefined}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <IconUser size={18} aria-hidden />
            <div style={{ minWidth: 0 }}>
              <GuarantorPatientName id={id} name={picked?.id === id ? picked.name : undefined} mrn={picked?.id === id ? picked.mrn : undefined} newTab />
            </div>
          </Group>
          <Button variant="subtle" color="red.8" size="compact-sm" leftSection={<IconX size={14} />} onClick={onRemove} data-path="guarantor.patient_id">
            Remove
          </Button>
        </Group>
      </Paper>
    </Input.Wrapper>
  );
}

export function GuarantorFields({ form, patientId, otherFields }: { form: PatientForm; patientId?: number; otherFields: ReactNode }) {
  const g = form.values.guarantor;
  const [picked, setPicked] = useState<PickedPatient | null>(null);
  const section = useRef<HTMLDivElement>(null);
  const error = form.errors['guarantor.patient_id'];
  const setPatient = (p: PickedPatient | null) => {
    setPicked(p);
    form.setFieldValue('guarantor.patient_id', p?.id ?? null);
    if (!p) window.setTimeout(() => section.current?.querySelector<HTMLInputElement>('input[data-path="guarantor.patient_id"]')?.focus(), 0);
  };
  return (
    <Stack gap="sm" ref={section}>
      <Radio.Group label="Who is responsible for the bills" value={g.kind} onChange={(v) => form.setFieldValue('guarantor.kind', v as GuarantorKind)}>
        <Group mt={6} gap="lg">
          {KINDS.map((k) => (
            <Radio key={k.value} value={k.value} label={k.label} />
          ))}
        </Group>
      </Radio.Group>
      {g.kind === 'patient' ? (
        <>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 8 }}>
              {g.patient_id !== null ? (
                <ChosenPatient id={g.patient_id} picked={picked} error={error} onRemove={() => setPatient(null)} />
              ) : (
                <PatientPicker
                  label="Guarantor patient"
                  required
                  value={null}
                  onChange={setPatient}
                  exclude={patientId ? [patientId] : undefined}
                  error={error}
                  dataPath="guarantor.patient_id"
                />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label="Relationship" aria-label="Guarantor relationship" placeholder="e.g. Parent" {...form.getInputProps('guarantor.relationship')} />
            </Grid.Col>
          </Grid>
          <Text size="xs" c="dimmed">
            A family account: the guarantor's account holds this patient's balances. Payments apply to the family's oldest balances, and
            statements go to the guarantor.
          </Text>
        </>
      ) : null}
      {g.kind === 'other' ? otherFields : null}
    </Stack>
  );
}
