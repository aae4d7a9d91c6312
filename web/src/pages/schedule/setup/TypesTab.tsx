// Appointment types: what can be booked, for how long, on which grid, by whom.
import { useState } from 'react';
import { Button, ColorInput, ColorSwatch, Group, MultiSelect, NumberInput, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useRecordSubmit } from '../../../lib/records';
import { providerName, providerShort, useProvidersAll, useResourcesAll, useTypesAll, type AppointmentType } from '../../../lib/schedule';
import { ACTIVE_STATUS } from '../../../lib/status';
import { FormDialog } from '../../../components/Dialogs';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';

export const TYPE_SWATCHES = ['#228be6', '#15aabf', '#12b886', '#40c057', '#82c91e', '#fab005', '#fd7e14', '#fa5252', '#e64980', '#be4bdb', '#7950f2', '#4c6ef5', '#868e96'];

const PATIENT_KINDS: Record<string, string> = { any: 'Any patient', new: 'New patients only', established: 'Established patients only' };

interface Values {
  name: string;
  duration_min: number | string;
  slot_step_min: number | string;
  color: string;
  patient_kind: string;
  resource_id: string | null;
  provider_ids: string[];
  active: boolean;
}

const toValues = (t?: AppointmentType): Values => ({
  name: t?.name ?? '',
  duration_min: t?.duration_min ?? 20,
  slot_step_min: t?.slot_step_min ?? 15,
  color: t?.color ?? '#228be6',
  patient_kind: t?.patient_kind ?? 'any',
  resource_id: t?.resource_id ? String(t.resource_id) : 'none',
  provider_ids: (t?.provider_ids ?? []).map(String),
  active: t ? t.active : true,
});

const toBody = (v: Values) => ({
  name: v.name.trim(),
  duration_min: Number(v.duration_min),
  slot_step_min: Number(v.slot_step_min),
  color: v.color.toLowerCase(),
  patient_kind: v.patient_kind,
  resource_id: v.resource_id && v.resource_id !== 'none' ? Number(v.resource_id) : null,
  provider_ids: v.provider_ids.map(Number).sort((a, b) => a - b),
  active: v.active,
});

function TypeDialog({ type, onClose }: { type: AppointmentType | null; onClose: () => void }) {
  const providers = useProvidersAll();
  const resources = useResourcesAll();
  const form = useForm<Values>({
    initialValues: toValues(type ?? undefined),
    validateInputOnBlur: true,
    validate: {
      name: (v) => (!v.trim() ? 'Name is required' : null),
      duration_min: (v) => (!(Number(v) >= 5 && Number(v) <= 480) ? 'Between 5 and 480 minutes' : null),
      slot_step_min: (v) => (!(Number(v) >= 5 && Number(v) <= 480) ? 'Between 5 and 480 minutes' : null),
      color: (v) => (!/^#[0-9a-fA-F]{6}$/.test(v) ? 'A colour such as #228be6' : null),
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: type, collection: 'appointment-types', noun: 'appointment type', toValues, toBody, onClose });
  return (
    <FormDialog
      title={type ? `Edit ${type.name}` : 'New appointment type'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={type ? 'Save type' : 'Add type'}
      submitting={form.submitting}
    >
      <TextInput label="Name" required data-autofocus placeholder="e.g. Follow-up, New patient, Annual physical" maxLength={100} {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput label="Duration (minutes)" required min={5} max={480} step={5} allowDecimal={false} {...form.getInputProps('duration_min')} />
        <NumberInput
          label="Start every (minutes)"
          description="The grid of offered start times"
          min={5}
          max={480}
          step={5}
          allowDecimal={false}
          {...form.getInputProps('slot_step_min')}
        />
        <ColorInput label="Colour" required format="hex" swatches={TYPE_SWATCHES} swatchesPerRow={7} withEyeDropper={false} {...form.getInputProps('color')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Patients"
          allowDeselect={false}
          data={Object.entries(PATIENT_KINDS).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('patient_kind')}
        />
        <Select
          label="Needs a room or equipment"
          allowDeselect={false}
          data={[
            { value: 'none', label: 'None' },
            ...(resources.data ?? []).filter((r) => r.active || String(r.id) === form.values.resource_id).map((r) => ({ value: String(r.id), label: `${r.name} (${r.kind})` })),
          ]}
          {...form.getInputProps('resource_id')}
        />
      </SimpleGrid>
      <MultiSelect
        label="Providers who offer it"
        description="Only these providers can be booked for this type"
        searchable
        data={(providers.data ?? [])
          .filter((p) => p.active || form.values.provider_ids.includes(String(p.id)))
          .map((p) => ({ value: String(p.id), label: providerName(p) }))}
        {...form.getInputProps('provider_ids')}
      />
      <Switch label="Active (can be booked)" {...form.getInputProps('active', { type: 'checkbox' })} />
    </FormDialog>
  );
}

export function TypesTab({ canWrite }: { canWrite: boolean }) {
  const types = useTypesAll();
  const providers = useProvidersAll();
  const resources = useResourcesAll();
  const [editing, setEditing] = useState<AppointmentType | 'new' | null>(null);
  const names = (ids: number[]) =>
    ids
      .map((id) => (providers.data ?? []).find((p) => p.id === id))
      .filter(Boolean)
      .map((p) => providerShort(p))
      .join(', ');
  if (types.isError) return <QueryState error={types.error} retry={() => void types.refetch()} />;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          What can be booked, for how long, and by which providers. The colour marks the type on the calendar.
        </Text>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            New appointment type
          </Button>
        ) : null}
      </Group>
      <DataTable<AppointmentType>
        aria-label="Appointment types"
        withTableBorder
        borderRadius="sm"
        striped
        minHeight={types.data?.length ? undefined : 160}
        fetching={types.isLoading}
        records={types.data ?? []}
        idAccessor="id"
        noRecordsText="No appointment types yet"
        columns={[
          {
            accessor: 'name',
            title: 'Type',
            render: (t) => (
              <Group gap={8} wrap="nowrap">
                <ColorSwatch color={t.color} size={16} aria-hidden />
                <Text size="sm" fw={500}>
                  {t.name}
                </Text>
              </Group>
            ),
          },
          {
            accessor: 'duration_min',
            title: 'Length',
            noWrap: true,
            render: (t) => (
              <>
                <Text size="sm">{t.duration_min} min</Text>
                <Text size="xs" c="dimmed">
                  starts every {t.slot_step_min} min
                </Text>
              </>
            ),
          },
          { accessor: 'patient_kind', title: 'Patients', render: (t) => PATIENT_KINDS[t.patient_kind] ?? t.patient_kind },
          {
            accessor: 'provider_ids',
            title: 'Providers',
            render: (t) =>
              t.provider_ids.length ? (
                <Text size="sm" lineClamp={2}>
                  {names(t.provider_ids)}
                </Text>
              ) : (
                <Text size="sm" c="orange.9">
                  None yet: cannot be booked
                </Text>
              ),
          },
          ...(resources.data?.length
            ? [{ accessor: 'resource_id', title: 'Needs', render: (t: AppointmentType) => (resources.data ?? []).find((r) => r.id === t.resource_id)?.name ?? '' }]
            : []),
          { accessor: 'active', title: 'Status', width: 100, render: (t) => <StatusBadge status={t.active ? 'active' : 'inactive'} map={ACTIVE_STATUS} /> },
          ...(canWrite
            ? [
                {
                  accessor: 'actions',
                  title: <span className="visually-hidden">Actions</span>,
                  textAlign: 'right' as const,
                  render: (t: AppointmentType) => (
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(t)} aria-label={`Edit ${t.name}`}>
                      Edit
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <TypeDialog type={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
