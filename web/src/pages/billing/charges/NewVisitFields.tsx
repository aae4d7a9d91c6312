// A visit without an appointment: the patient, the date of service, who saw them and where.
import { Select, SimpleGrid } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { DATE_INPUT_PROPS, todayIso } from '../../../lib/format';
import { providerName, useLocationsAll, useProvidersAll } from '../../../lib/schedule';
import { PatientPicker, type PickedPatient } from '../../../components/schedule/PatientPicker';

export interface VisitValues {
  patient_id: PickedPatient | null;
  service_date: string | null;
  rendering_provider_id: string | null;
  location_id: string | null;
}

export type VisitForm = UseFormReturnType<VisitValues>;

export function useVisitForm() {
  return useForm<VisitValues>({
    initialValues: { patient_id: null, service_date: todayIso(), rendering_provider_id: null, location_id: null },
    validate: {
      patient_id: (v) => (!v ? 'Choose the patient' : null),
      service_date: (v) => (!v ? 'Enter the date of service' : v > todayIso() ? 'The date of service cannot be in the future' : null),
      rendering_provider_id: (v) => (!v ? 'Choose who saw the patient' : null),
      location_id: (v) => (!v ? 'Choose the location' : null),
    },
  });
}

export const visitBody = (v: VisitValues) => ({
  patient_id: v.patient_id?.id,
  service_date: v.service_date,
  rendering_provider_id: Number(v.rendering_provider_id),
  location_id: Number(v.location_id),
});

export function NewVisitFields({ form }: { form: VisitForm }) {
  const providers = useProvidersAll();
  const locations = useLocationsAll();
  return (
    <>
      <PatientPicker
        required
        autoFocus
        value={form.values.patient_id}
        onChange={(p) => form.setFieldValue('patient_id', p)}
        error={form.errors.patient_id}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateInput label="Date of service" required maxDate={todayIso()} {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('service_date')} />
        <Select
          label="Rendering provider"
          required
          searchable
          data={(providers.data ?? []).filter((p) => p.active).map((p) => ({ value: String(p.id), label: providerName(p) }))}
          {...form.getInputProps('rendering_provider_id')}
        />
        <Select
          label="Location"
          required
          data={(locations.data ?? []).filter((l) => l.active).map((l) => ({ value: String(l.id), label: l.name }))}
          {...form.getInputProps('location_id')}
        />
      </SimpleGrid>
    </>
  );
}
