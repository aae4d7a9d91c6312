// Availability rules: the weekly working hours of each provider at a location.
import { useState } from 'react';
import { Button, Chip, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { DATE_INPUT_PROPS, formatDate } from '../../../lib/format';
import { useRecordSubmit } from '../../../lib/records';
import { describeRrule, getAll, providerName, useLocationsAll, useProvidersAll, weeklyDays, WEEKDAYS, type AvailabilityRule } from '../../../lib/schedule';
import { todayIso } from '../../../lib/format';
import { FormDialog } from '../../../components/Dialogs';
import { RemoveDialog } from './RemoveDialog';
import { QueryState } from '../../../components/QueryState';
import { WeekdayPicker } from '../../../components/schedule/WeekdayPicker';

/** "09:00" → "9:00 AM"; "24:00" → "midnight". */
export function formatClock(hhmm: string): string {
  if (hhmm === '24:00' || hhmm === '00:00') return hhmm === '24:00' ? 'midnight' : '12:00 AM';
  const [h, m] = hhmm.split(':').map(Number);
  const ap = h >= 12 ? 'PM' : 'AM';
  return `${h % 12 || 12}:${String(m).padStart(2, '0')} ${ap}`;
}

interface Values {
  provider_id: string | null;
  location_id: string | null;
  weekdays: string[];
  rrule: string;
  start_time: string;
  end_time: string;
  until_midnight: boolean;
  valid_from: string | null;
  valid_to: string | null;
}

const toValues = (r?: AvailabilityRule): Values => {
  const days = r ? weeklyDays(r.rrule) : ['MO', 'TU', 'WE', 'TH', 'FR'];
  return {
    provider_id: r ? String(r.provider_id) : null,
    location_id: r ? String(r.location_id) : null,
    weekdays: days ?? [],
    rrule: r && !days ? r.rrule : '',
    start_time: r?.start_time ?? '09:00',
    end_time: r?.end_time === '24:00' ? '' : (r?.end_time ?? '17:00'),
    until_midnight: r?.end_time === '24:00',
    valid_from: r?.valid_from ?? todayIso(),
    valid_to: r?.valid_to ?? null,
  };
};

const toBody = (v: Values) => {
  const days = WEEKDAYS.map((w) => w.value).filter((d) => v.weekdays.includes(d));
  return {
    provider_id: Number(v.provider_id),
    location_id: Number(v.location_id),
    ...(v.rrule.trim() ? { rrule: v.rrule.trim() } : { weekdays: days }),
    start_time: v.start_time,
    end_time: v.until_midnight ? '24:00' : v.end_time,
    valid_from: v.valid_from,
    valid_to: v.valid_to || null,
  };
};

function RuleDialog({ rule, providerId, onClose }: { rule: AvailabilityRule | null; providerId: number | null; onClose: () => void }) {
  const providers = useProvidersAll();
  const locations = useLocationsAll();
  const initial = toValues(rule ?? undefined);
  if (!rule && providerId) initial.provider_id = String(providerId);
  const active = (locations.data ?? []).filter((l) => l.active);
  if (!rule && active.length === 1) initial.location_id = String(active[0].id);
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      provider_id: (v) => (!v ? 'Choose the provider' : null),
      location_id: (v) => (!v ? 'Choose the location' : null),
      weekdays: (v, all) => (!all.rrule.trim() && v.length === 0 ? 'Choose at least one day' : null),
      start_time: (v) => (!/^\d{2}:\d{2}$/.test(v) ? 'Enter the start time' : null),
      end_time: (v, all) =>
        all.until_midnight ? null : !/^\d{2}:\d{2}$/.test(v) ? 'Enter the end time' : v <= all.start_time ? 'Ends after it starts' : null,
      valid_from: (v) => (!v ? 'Choose the first day' : null),
      valid_to: (v, all) => (v && all.valid_from && v < all.valid_from ? 'Not before the first day' : null),
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: rule, collection: 'availability-rules', noun: 'availability rule', toValues, toBody, onClose });
  const values = form.values;
  return (
    <FormDialog title={rule ? 'Edit working hours' : 'Add working hours'} error={error} onClose={onClose} onSubmit={submit} submitLabel={rule ? 'Save' : 'Add working hours'} submitting={form.submitting}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Provider"
          required
          searchable
          allowDeselect={false}
          data={(providers.data ?? []).filter((p) => p.active || String(p.id) === values.provider_id).map((p) => ({ value: String(p.id), label: providerName(p) }))}
          {...form.getInputProps('provider_id')}
        />
        <Select
          label="Location"
          required
          allowDeselect={false}
          data={(locations.data ?? []).filter((l) => l.active || String(l.id) === values.location_id).map((l) => ({ value: String(l.id), label: `${l.name} (${l.time_zone})` }))}
          {...form.getInputProps('location_id')}
        />
      </SimpleGrid>
      {values.rrule ? (
        <TextInput
          label="Recurrence (RRULE)"
          description="This rule repeats in a way the day picker cannot show, e.g. FREQ=MONTHLY;BYDAY=1SA. Clear it to choose weekdays."
          {...form.getInputProps('rrule')}
        />
      ) : (
        <WeekdayPicker
          id="rule-days"
          label={<>Days <span style={{ color: 'var(--mantine-color-error)' }}>*</span></>}
          value={values.weekdays}
          onChange={(v) => form.setFieldValue('weekdays', v)}
          error={form.errors.weekdays}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'end' }}>
        <TimeInput label="From" required {...form.getInputProps('start_time')} />
        <TimeInput label="Until" required={!values.until_midnight} disabled={values.until_midnight} {...form.getInputProps('end_time')} />
        <Chip checked={values.until_midnight} onChange={(c) => form.setFieldValue('until_midnight', c)} size="sm" mb={6}>
          Until midnight
        </Chip>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateInput label="First day" required {...DATE_INPUT_PROPS} {...form.getInputProps('valid_from')} />
        <DateInput label="Last day" description="Leave empty for no end" clearable {...DATE_INPUT_PROPS} {...form.getInputProps('valid_to')} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Times are the location’s local time, also across daylight-saving changes.
      </Text>
    </FormDialog>
  );
}

function DeleteRule({ rule, label, onClose }: { rule: AvailabilityRule; label: string; onClose: () => void }) {
  return (
    <RemoveDialog title="Remove these working hours?" path={`/availability-rules/${rule.id}`} list="availability-rules" done="Working hours removed." onClose={onClose}>
      {label}. Booked appointments stay; new bookings in these hours will need an override. To end the hours from a date instead, edit the rule and set its last day.
    </RemoveDialog>
  );
}

export function RulesTab({ canWrite }: { canWrite: boolean }) {
  const providers = useProvidersAll();
  const locations = useLocationsAll();
  const rules = useQuery({ queryKey: ['availability-rules', 'all'], queryFn: ({ signal }) => getAll<AvailabilityRule>('/availability-rules', {}, signal) });
  const [providerId, setProviderId] = useState<string | null>('all');
  const [editing, setEditing] = useState<AvailabilityRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AvailabilityRule | null>(null);
  const pid = providerId && providerId !== 'all' ? Number(providerId) : null;
  const shown = (rules.data ?? [])
    .filter((r) => !pid || r.provider_id === pid)
    .sort((a, b) => a.provider_id - b.provider_id || a.start_time.localeCompare(b.start_time));
  const pname = (id: number) => providerName((providers.data ?? []).find((p) => p.id === id)) || `Provider #${id}`;
  const lname = (id: number) => (locations.data ?? []).find((l) => l.id === id)?.name ?? `Location #${id}`;
  const describe = (r: AvailabilityRule) => `${pname(r.provider_id)}, ${describeRrule(r.rrule)} ${formatClock(r.start_time)}–${formatClock(r.end_time)} at ${lname(r.location_id)}`;
  if (rules.isError) return <QueryState error={rules.error} retry={() => void rules.refetch()} />;
  return (
    <>
      <Group justify="space-between" mb="sm" align="flex-end">
        <Select
          label="Provider"
          w={260}
          allowDeselect={false}
          data={[{ value: 'all', label: 'All providers' }, ...(providers.data ?? []).filter((p) => p.active).map((p) => ({ value: String(p.id), label: providerName(p) }))]}
          value={providerId}
          onChange={setProviderId}
        />
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add working hours
          </Button>
        ) : null}
      </Group>
      <DataTable<AvailabilityRule>
        aria-label="Working hours"
        withTableBorder
        borderRadius="sm"
        striped
        minHeight={shown.length ? undefined : 160}
        fetching={rules.isLoading}
        records={shown}
        idAccessor="id"
        noRecordsText="No working hours yet: providers without them cannot be booked"
        columns={[
          { accessor: 'provider_id', title: 'Provider', render: (r) => <Text size="sm" fw={500}>{pname(r.provider_id)}</Text> },
          { accessor: 'location_id', title: 'Location', render: (r) => lname(r.location_id) },
          { accessor: 'rrule', title: 'Days', render: (r) => describeRrule(r.rrule) },
          { accessor: 'start_time', title: 'Hours', noWrap: true, render: (r) => `${formatClock(r.start_time)} – ${formatClock(r.end_time)}` },
          {
            accessor: 'valid_from',
            title: 'In effect',
            render: (r) => (r.valid_to ? `${formatDate(r.valid_from)} – ${formatDate(r.valid_to)}` : `from ${formatDate(r.valid_from)}`),
          },
          ...(canWrite
            ? [
                {
                  accessor: 'actions',
                  title: <span className="visually-hidden">Actions</span>,
                  textAlign: 'right' as const,
                  render: (r: AvailabilityRule) => (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(r)} aria-label={`Edit ${describe(r)}`}>
                        Edit
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red.9" onClick={() => setDeleting(r)} aria-label={`Remove ${describe(r)}`}>
                        Remove
                      </Button>
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <RuleDialog rule={editing === 'new' ? null : editing} providerId={pid} onClose={() => setEditing(null)} /> : null}
      {deleting ? <DeleteRule rule={deleting} label={describe(deleting)} onClose={() => setDeleting(null)} /> : null}
    </>
  );
}
