// Rooms and equipment: a type that needs one is never booked twice at once on it.
import { useState } from 'react';
import { Button, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useRecordSubmit } from '../../../lib/records';
import { useLocationsAll, useResourcesAll, type Resource } from '../../../lib/schedule';
import { ACTIVE_STATUS } from '../../../lib/status';
import { FormDialog } from '../../../components/Dialogs';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';

interface Values {
  name: string;
  kind: 'room' | 'equipment';
  location_id: string | null;
  active: boolean;
}

const toValues = (r?: Resource): Values => ({
  name: r?.name ?? '',
  kind: r?.kind ?? 'room',
  location_id: r ? String(r.location_id) : null,
  active: r ? r.active : true,
});
const toBody = (v: Values) => ({ name: v.name.trim(), kind: v.kind, location_id: Number(v.location_id), active: v.active });

function ResourceDialog({ resource, onClose }: { resource: Resource | null; onClose: () => void }) {
  const locations = useLocationsAll();
  const active = (locations.data ?? []).filter((l) => l.active);
  const initial = toValues(resource ?? undefined);
  if (!resource && active.length === 1) initial.location_id = String(active[0].id);
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      name: (v) => (!v.trim() ? 'Name is required' : null),
      location_id: (v) => (!v ? 'Choose the location' : null),
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: resource, collection: 'resources', noun: 'room or equipment', toValues, toBody, onClose });
  return (
    <FormDialog
      title={resource ? `Edit ${resource.name}` : 'New room or equipment'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={resource ? 'Save' : 'Add'}
      submitting={form.submitting}
    >
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Kind
        </Text>
        <SegmentedControl
          aria-label="Kind"
          value={form.values.kind}
          onChange={(v) => form.setFieldValue('kind', v as Values['kind'])}
          data={[
            { value: 'room', label: 'Room' },
            { value: 'equipment', label: 'Equipment' },
          ]}
        />
      </Stack>
      <TextInput label="Name" required data-autofocus placeholder="e.g. Exam room 2, Ultrasound" maxLength={100} {...form.getInputProps('name')} />
      <Select
        label="Location"
        required
        allowDeselect={false}
        data={(locations.data ?? []).filter((l) => l.active || String(l.id) === form.values.location_id).map((l) => ({ value: String(l.id), label: l.name }))}
        {...form.getInputProps('location_id')}
      />
      <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
    </FormDialog>
  );
}

export function ResourcesTab({ canWrite }: { canWrite: boolean }) {
  const resources = useResourcesAll();
  const locations = useLocationsAll();
  const [editing, setEditing] = useState<Resource | 'new' | null>(null);
  if (resources.isError) return <QueryState error={resources.error} retry={() => void resources.refetch()} />;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          An appointment type that needs a room or a piece of equipment is never booked twice at the same time on it.
        </Text>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            New room or equipment
          </Button>
        ) : null}
      </Group>
      <DataTable<Resource>
        aria-label="Rooms and equipment"
        withTableBorder
        borderRadius="sm"
        striped
        minHeight={resources.data?.length ? undefined : 160}
        fetching={resources.isLoading}
        records={resources.data ?? []}
        idAccessor="id"
        noRecordsText="No rooms or equipment yet"
        columns={[
          { accessor: 'name', title: 'Name', render: (r) => <Text size="sm" fw={500}>{r.name}</Text> },
          { accessor: 'kind', title: 'Kind', render: (r) => (r.kind === 'room' ? 'Room' : 'Equipment') },
          { accessor: 'location_id', title: 'Location', render: (r) => (locations.data ?? []).find((l) => l.id === r.location_id)?.name ?? '' },
          { accessor: 'active', title: 'Status', width: 100, render: (r) => <StatusBadge status={r.active ? 'active' : 'inactive'} map={ACTIVE_STATUS} /> },
          ...(canWrite
            ? [
                {
                  accessor: 'actions',
                  title: <span className="visually-hidden">Actions</span>,
                  textAlign: 'right' as const,
                  render: (r: Resource) => (
                    <Button size="compact-sm" variant="light" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                      Edit
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <ResourceDialog resource={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
