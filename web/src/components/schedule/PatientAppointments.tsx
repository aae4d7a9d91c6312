// A patient's appointments (upcoming first, then the past), with "Book appointment".
import { useMemo, useState } from 'react';
import { Badge, Button, ColorSwatch, Group, Paper, SegmentedControl, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconCalendarPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { getAll, isLive, notableRisk, useLocationsAll, type Appointment } from '../../lib/schedule';
import { useSession } from '../../lib/session';
import { APPOINTMENT_STATUS } from '../../lib/status';
import { formatRange } from '../../lib/zone';
import { QueryState } from '../QueryState';
import { StatusBadge } from '../StatusBadge';
import { AppointmentDrawer } from './AppointmentDrawer';
import { BookingDialog } from './BookingDialog';
import { RiskBadge } from './RiskBadge';
import type { PickedPatient } from './PatientPicker';

export function PatientAppointments({ patient }: { patient: PickedPatient }) {
  const session = useSession();
  const canWrite = session.can('schedule.write');
  const locations = useLocationsAll();
  const [show, setShow] = useState<'upcoming' | 'past'>('upcoming');
  const [openId, setOpenId] = useState<number | null>(null);
  const [booking, setBooking] = useState(false);
  const q = useQuery({
    queryKey: ['appointments', 'patient', patient.id],
    queryFn: ({ signal }) => getAll<Appointment>('/appointments', { patient_id: patient.id }, signal),
  });
  const now = Date.now();
  const rows = useMemo(() => {
    const all = q.data ?? [];
    return show === 'upcoming'
      ? all.filter((a) => Date.parse(a.end) >= now).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
      : all.filter((a) => Date.parse(a.end) < now).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q.data, show]);
  const firstLocation = (locations.data ?? []).find((l) => l.active)?.id ?? null;

  return (
    <Paper p="md">
      <Group justify="space-between" mb="sm">
        <SegmentedControl
          aria-label="Which appointments"
          value={show}
          onChange={(v) => setShow(v as 'upcoming' | 'past')}
          data={[
            { value: 'upcoming', label: 'Upcoming' },
            { value: 'past', label: 'Past' },
          ]}
        />
        {canWrite ? (
          <Button leftSection={<IconCalendarPlus size={16} />} onClick={() => setBooking(true)}>
            Book appointment
          </Button>
        ) : null}
      </Group>
      {q.isError ? (
        <QueryState error={q.error} retry={() => void q.refetch()} />
      ) : (
        <DataTable<Appointment>
          aria-label={show === 'upcoming' ? 'Upcoming appointments' : 'Past appointments'}
          withTableBorder
          borderRadius="sm"
          striped
          highlightOnHover
          minHeight={rows.length ? undefined : 140}
          fetching={q.isLoading}
          records={rows}
          idAccessor="id"
          noRecordsText={show === 'upcoming' ? 'No upcoming appointments' : 'No past appointments'}
          onRowClick={({ record }) => setOpenId(record.id)}
          columns={[
            { accessor: 'start', title: 'When', render: (a) => <Text size="sm">{formatRange(a.start, a.end, a.time_zone)}</Text> },
            {
              accessor: 'type',
              title: 'Type',
              render: (a) => (
                <Group gap={6} wrap="nowrap">
                  <ColorSwatch color={a.type.color} size={10} aria-hidden />
                  <Text size="sm">{a.type.name}</Text>
                </Group>
              ),
            },
            { accessor: 'provider_name', title: 'Provider' },
            {
              accessor: 'status',
              title: 'Status',
              width: 150,
              render: (a) => (
                <Group gap={4}>
                  <StatusBadge status={a.status} map={APPOINTMENT_STATUS} />
                  {notableRisk(a) ? <RiskBadge risk={notableRisk(a)!} size="xs" /> : null}
                  {a.overbook && isLive(a) ? (
                    <Badge color="orange" size="xs" variant="outline">
                      Overbooked
                    </Badge>
                  ) : null}
                </Group>
              ),
            },
          ]}
        />
      )}
      <AppointmentDrawer appointmentId={openId} onClose={() => setOpenId(null)} />
      {booking ? <BookingDialog defaults={{ patient, locationId: firstLocation }} onClose={() => setBooking(false)} /> : null}
    </Paper>
  );
}
