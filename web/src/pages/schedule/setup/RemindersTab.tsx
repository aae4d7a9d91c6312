// Reminders and the scheduling policy: when reminders go out (rules per channel), a pass
// sent now on request, quiet hours, the late-cancellation window and whether the desk may
// overbook a slot whose booking is at high risk of a no-show.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus, IconSend } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { ApiError, api, errorMessage } from '../../../lib/api';
import { applyServerErrors, submitError } from '../../../lib/forms';
import { useRecordSubmit } from '../../../lib/records';
import {
  CHANNEL_LABELS,
  formatHoursBefore,
  getAll,
  useScheduleSettings,
  type ReminderChannel,
  type ReminderRule,
  type ReminderRun,
  type ScheduleSettings,
} from '../../../lib/schedule';
import { ACTIVE_STATUS } from '../../../lib/status';
import { FormDialog } from '../../../components/Dialogs';
import { QueryState } from '../../../components/QueryState';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatClock } from './RulesTab';

// ---- Reminder rules ----

interface RuleValues {
  channel: ReminderChannel;
  hours_before: number | string;
  active: boolean;
}

const ruleToValues = (r: ReminderRule): RuleValues => ({ channel: r.channel, hours_before: r.hours_before, active: r.active });
const ruleToBody = (v: RuleValues) => ({ channel: v.channel, hours_before: Number(v.hours_before), active: v.active });

function RuleDialog({ rule, onClose }: { rule: ReminderRule | null; onClose: () => void }) {
  const form = useForm<RuleValues>({
    initialValues: rule ? ruleToValues(rule) : { channel: 'email', hours_before: 48, active: true },
    validateInputOnBlur: true,
    validate: {
      hours_before: (v) => (!(Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 336) ? 'From 1 to 336 hours (two weeks)' : null),
    },
  });
  // Only what PATCH accepts changes on an existing rule: the channel stays.
  const toBody = (v: RuleValues) => (rule ? { hours_before: Number(v.hours_before), active: v.active } : ruleToBody(v));
  const { submit, error } = useRecordSubmit({
    form,
    record: rule,
    collection: 'reminder-rules',
    noun: 'reminder rule',
    toValues: ruleToValues,
    toBody: toBody as (v: RuleValues) => Record<string, unknown>,
    onClose,
  });
  // "already has a rule for this channel" reads better in full under the field.
  const hoursError =
    typeof form.errors.hours_before === 'string' && /already/.test(form.errors.hours_before)
      ? `There is already ${form.values.channel === 'sms' ? 'a text-message' : 'an e-mail'} rule for ${form.values.hours_before} hours before.`
      : form.errors.hours_before;
  return (
    <FormDialog
      title={rule ? 'Edit reminder rule' : 'New reminder rule'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={rule ? 'Save rule' : 'Add rule'}
      submitting={form.submitting}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Send by"
          required
          allowDeselect={false}
          readOnly={Boolean(rule)}
          description={rule ? 'To change the channel, add a new rule and switch this one off.' : undefined}
          data={(Object.keys(CHANNEL_LABELS) as ReminderChannel[]).map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          {...form.getInputProps('channel')}
        />
        <NumberInput
          label="Hours before the appointment"
          required
          min={1}
          max={336}
          allowDecimal={false}
          data-autofocus
          description="48 = two days before; 2 = two hours before"
          {...form.getInputProps('hours_before')}
          error={hoursError}
        />
      </SimpleGrid>
      <Switch label="Active (reminders are sent by this rule)" {...form.getInputProps('active', { type: 'checkbox' })} />
      <Text size="xs" c="dimmed">
        A reminder goes only to patients who agreed to that channel and have an e-mail address or mobile number. It says where and when,
        never the reason for the visit, and carries a link to confirm or cancel.
      </Text>
    </FormDialog>
  );
}

function RulesSection({ canWrite }: { canWrite: boolean }) {
  const rules = useQuery({ queryKey: ['reminder-rules', 'all'], queryFn: ({ signal }) => getAll<ReminderRule>('/reminder-rules', {}, signal) });
  const [editing, setEditing] = useState<ReminderRule | 'new' | null>(null);
  const rows = [...(rules.data ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || b.hours_before - a.hours_before);
  const describe = (r: ReminderRule) => `${CHANNEL_LABELS[r.channel]} ${formatHoursBefore(r.hours_before)}`;
  return (
    <section aria-labelledby="reminder-rules-title">
      <Group justify="space-between" mb="xs" align="flex-end">
        <div>
          <Title order={2} size="h4" id="reminder-rules-title">
            Reminder rules
          </Title>
          <Text size="sm" c="dimmed">
            Each active rule reminds every booked or confirmed appointment that many hours before it starts.
          </Text>
        </div>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            New reminder rule
          </Button>
        ) : null}
      </Group>
      {rules.isError ? (
        <QueryState error={rules.error} retry={() => void rules.refetch()} />
      ) : (
        <DataTable<ReminderRule>
          aria-label="Reminder rules"
          withTableBorder
          borderRadius="sm"
          striped
          minHeight={rows.length ? undefined : 120}
          fetching={rules.isLoading}
          records={rows}
          idAccessor="id"
          noRecordsText="No reminder rules yet: no reminders are sent"
          columns={[
            { accessor: 'channel', title: 'Send by', render: (r) => <Text size="sm" fw={500}>{CHANNEL_LABELS[r.channel] ?? r.channel}</Text> },
            { accessor: 'hours_before', title: 'When', render: (r) => formatHoursBefore(r.hours_before) },
            { accessor: 'active', title: 'Status', width: 110, render: (r) => <StatusBadge status={r.active ? 'active' : 'inactive'} map={ACTIVE_STATUS} /> },
            ...(canWrite
              ? [
                  {
                    accessor: 'actions',
                    title: <span className="visually-hidden">Actions</span>,
                    textAlign: 'right' as const,
                    render: (r: ReminderRule) => (
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(r)} aria-label={`Edit ${describe(r)}`}>
                        Edit
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing ? <RuleDialog rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

// ---- Send now ----

const RUN_LABELS: [keyof ReminderRun, string, string][] = [
  ['planned', 'Planned', 'new reminders planned for appointments coming up'],
  ['sent', 'Sent', 'went out now'],
  ['skipped', 'Skipped', 'no consent, no address, or the appointment changed'],
  ['deferred', 'Held for quiet hours', 'go out when the quiet hours end'],
  ['retrying', 'Retrying', 'the e-mail or SMS service refused; tried again later'],
  ['failed', 'Failed', 'gave up after repeated tries'],
];

function SendNow() {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ReminderRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ReminderRun>('/reminders/run', {});
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ['appointment'] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper p="sm" bg="gray.0">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div style={{ flex: '1 1 320px' }}>
          <Text size="sm" fw={600}>
            Send due reminders now
          </Text>
          <Text size="xs" c="dimmed">
            The server also sends them by itself every minute. Use this to check a new rule or after a mail outage.
          </Text>
        </div>
        <Button leftSection={<IconSend size={16} />} variant="light" onClick={() => void run()} loading={busy}>
          Send due reminders now
        </Button>
      </Group>
      {error ? (
        <Alert color="red" role="alert" mt="xs" p="xs">
          {error}
        </Alert>
      ) : null}
      {result ? (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" mt="sm" aria-live="polite" data-testid="reminder-run">
          {RUN_LABELS.map(([k, label, hint]) => (
            <Paper key={k} p="xs" title={hint}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text fw={700} size="lg" c={k === 'failed' && result[k] ? 'red.9' : k === 'retrying' && result[k] ? 'orange.9' : undefined}>
                {result[k]}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      ) : null}
    </Paper>
  );
}

// ---- Settings ----

interface SettingsValues {
  quiet_start: string;
  quiet_end: string;
  late_cancel_hours: number | string;
  overbook_high_risk: boolean;
}

const settingsToValues = (s: ScheduleSettings): SettingsValues => ({
  quiet_start: s.quiet_start,
  quiet_end: s.quiet_end,
  late_cancel_hours: s.late_cancel_hours,
  overbook_high_risk: s.overbook_high_risk,
});

function SettingsForm({ settings, canWrite }: { settings: ScheduleSettings; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(settings);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ScheduleSettings | null>(null);
  const form = useForm<SettingsValues>({
    initialValues: settingsToValues(settings),
    validateInputOnBlur: true,
    validate: {
      quiet_start: (v) => (!/^\d{2}:\d{2}$/.test(v) ? 'Enter a time, such as 21:00' : null),
      quiet_end: (v) => (!/^\d{2}:\d{2}$/.test(v) ? 'Enter a time, such as 08:00' : null),
      late_cancel_hours: (v) => (!(Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 168) ? 'From 0 to 168 hours' : null),
    },
  });
  // A fresh copy from the server (someone else saved) becomes the base when nothing is being edited.
  useEffect(() => {
    if (!form.isDirty() && settings.version !== base.version) {
      setBase(settings);
      form.setValues(settingsToValues(settings));
      form.resetDirty(settingsToValues(settings));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings]);

  const submit = form.onSubmit(async (v) => {
    setError(null);
    const body: Record<string, unknown> = { version: base.version };
    const now = { ...v, late_cancel_hours: Number(v.late_cancel_hours) };
    for (const k of Object.keys(now) as (keyof SettingsValues)[]) if (now[k] !== base[k]) body[k] = now[k];
    if (Object.keys(body).length === 1) {
      notifications.show({ color: 'blue', message: 'Nothing to save: the settings are unchanged.' });
      return;
    }
    try {
      const saved = await api.patch<ScheduleSettings>('/schedule/settings', body);
      queryClient.setQueryData(['schedule-settings'], saved);
      setBase(saved);
      setConflict(null);
      form.setValues(settingsToValues(saved));
      form.resetDirty(settingsToValues(saved));
      notifications.show({ color: 'teal', message: 'Scheduling settings saved.' });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') {
        // Keep what the user typed; take the newer version so that saving again replaces it.
        try {
          const latest = await api.get<ScheduleSettings>('/schedule/settings');
          queryClient.setQueryData(['schedule-settings'], latest);
          setBase(latest);
          setConflict(latest);
        } catch (e2) {
          setError(errorMessage(e2));
        }
        return;
      }
      if (e instanceof ApiError && e.status === 400) {
        const rest = applyServerErrors(form, e);
        if (!rest.length) return;
      }
      setError(submitError(form, e));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="schedule-policy-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="schedule-policy-title">
            Quiet hours, late cancellation and overbooking
          </Title>
          <Text size="sm" c="dimmed">
            The same for every location, each in its own time zone.
          </Text>
        </div>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        {conflict ? (
          <Alert color="orange" role="alert" title="Someone else changed these settings meanwhile">
            Theirs: quiet hours {formatClock(conflict.quiet_start)} to {formatClock(conflict.quiet_end)}, late cancellation within{' '}
            {conflict.late_cancel_hours} hours, overbooking by the desk {conflict.overbook_high_risk ? 'allowed' : 'not allowed'}. Your changes
            are still in the form: save again to replace theirs, or{' '}
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                form.setValues(settingsToValues(conflict));
                form.resetDirty(settingsToValues(conflict));
                setConflict(null);
              }}
            >
              use theirs
            </Button>
            .
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TimeInput
            label="Quiet hours start"
            required
            disabled={!canWrite}
            description="No reminders from this time…"
            {...form.getInputProps('quiet_start')}
          />
          <TimeInput label="Quiet hours end" required disabled={!canWrite} description="…until this time" {...form.getInputProps('quiet_end')} />
          <NumberInput
            label="Late cancellation (hours)"
            required
            min={0}
            max={168}
            allowDecimal={false}
            disabled={!canWrite}
            description="Cancelling within this many hours of the start counts as late"
            {...form.getInputProps('late_cancel_hours')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          A reminder due in the quiet hours waits until they end. Equal start and end mean no quiet hours.
        </Text>
        <Switch
          label="The front desk may overbook a slot whose booking is at high risk of a no-show"
          description="Practice managers may always overbook. When this is off, the desk cannot double-book at all; when on, only slots whose patient is likely not to come."
          disabled={!canWrite}
          {...form.getInputProps('overbook_high_risk', { type: 'checkbox' })}
        />
        {canWrite ? (
          <Group justify="flex-end">
            <Button variant="default" disabled={!form.isDirty()} onClick={() => form.setValues(settingsToValues(base))}>
              Undo changes
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save settings
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

export function RemindersTab({ canWrite }: { canWrite: boolean }) {
  const settings = useScheduleSettings();
  return (
    <Stack gap="xl">
      <RulesSection canWrite={canWrite} />
      {canWrite ? <SendNow /> : null}
      <Paper p="md">
        {settings.isError ? (
          <QueryState error={settings.error} retry={() => void settings.refetch()} />
        ) : settings.data ? (
          <SettingsForm settings={settings.data} canWrite={canWrite} />
        ) : (
          <QueryState isLoading />
        )}
      </Paper>
    </Stack>
  );
}
