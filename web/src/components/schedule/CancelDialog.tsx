// Cancelling says what will happen and asks why and who: the reason and "by" are
// kept in the appointment's history. For a series, the rest can go too.
import { useState } from 'react';
import { Anchor, Button, Chip, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../lib/api';
import { submitError } from '../../lib/forms';
import { scheduleErrorMessage, type Appointment, type CancelResult } from '../../lib/schedule';
import { formatRange } from '../../lib/zone';
import { ErrorAlert } from '../ErrorAlert';

const REASONS = ['Patient request', 'Feeling better', 'Illness', 'Transportation', 'Weather', 'Provider unavailable', 'Scheduling error', 'Insurance'];

export function CancelDialog({ appt, onClose, onDone }: { appt: Appointment; onClose: () => void; onDone?: (r: CancelResult) => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: '', by: '', scope: 'one' },
    validate: {
      reason: (v) => (!v.trim() ? 'Say why the appointment is cancelled' : v.length > 200 ? 'At most 200 characters' : null),
      by: (v) => (!v ? 'Choose who cancelled' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const body: Record<string, unknown> = { reason: v.reason.trim(), by: v.by };
      if (appt.series_id) body.scope = v.scope;
      const r = await api.post<CancelResult>(`/appointments/${appt.id}/cancel`, body);
      void queryClient.invalidateQueries({ queryKey: ['appointments'] });
      void queryClient.invalidateQueries({ queryKey: ['appointment', appt.id] });
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      void queryClient.invalidateQueries({ queryKey: ['waitlist'] });
      const offered = r.waitlist_matches.filter((m) => m.offered);
      notifications.show({
        color: 'teal',
        title: r.cancelled_count > 1 ? `${r.cancelled_count} appointments cancelled` : 'Appointment cancelled',
        autoClose: offered.length ? 12_000 : undefined,
        message: (
          <>
            {appt.patient.name} · {formatRange(appt.start, appt.end, appt.time_zone)}
            {r.late_cancel ? ' · late cancellation (within 24 hours)' : ''}
            {offered.length ? (
              <>
                <br />
                The freed time was offered to {offered.length === 1 ? 'a patient' : `${offered.length} patients`} on the{' '}
                <Anchor component={Link} to="/schedule/waitlist" size="sm">
                  waitlist
                </Anchor>
                .
              </>
            ) : null}
          </>
        ),
      });
      onDone?.(r);
      onClose();
    } catch (e) {
      setError(submitError(form, e) && scheduleErrorMessage(e, { tz: appt.time_zone, providerLabel: appt.provider_name }));
      void queryClient.invalidateQueries({ queryKey: ['appointment', appt.id] });
    }
  });
  return (
    <Modal opened onClose={onClose} title="Cancel this appointment?">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} />
          <Text size="sm">
            {appt.patient.name}’s {appt.type.name} on {formatRange(appt.start, appt.end, appt.time_zone)} with {appt.provider_name} will be cancelled
            and the time becomes free for others. The reason is kept in the appointment’s history.
          </Text>
          <Stack gap={6}>
            <TextInput label="Reason" required maxLength={200} data-autofocus {...form.getInputProps('reason')} />
            <Group gap={6} role="group" aria-label="Common reasons">
              {REASONS.map((r) => (
                <Chip key={r} size="xs" checked={form.values.reason === r} onChange={() => form.setFieldValue('reason', r)}>
                  {r}
                </Chip>
              ))}
            </Group>
          </Stack>
          <Radio.Group label="Cancelled by" required {...form.getInputProps('by')}>
            <Stack gap={6} mt={6}>
              <Radio value="patient" label="The patient" description="Within 24 hours of the start this counts as a late cancellation" />
              <Radio value="practice" label="The practice" />
            </Stack>
          </Radio.Group>
          {appt.series_id ? (
            <Radio.Group label="Which appointments" {...form.getInputProps('scope')}>
              <Stack gap={6} mt={6}>
                <Radio value="one" label="Only this one" />
                <Radio value="remaining" label="This one and the later ones of the series" />
              </Stack>
            </Radio.Group>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep appointment
            </Button>
            <Button type="submit" color="red.9" loading={form.submitting}>
              Cancel appointment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
