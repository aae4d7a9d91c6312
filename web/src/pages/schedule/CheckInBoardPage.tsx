// The day at the front desk: who is expected, who is waiting and for how long,
// who is roomed or with the provider, who is done. One click moves a patient on.
// Refreshes every 30 seconds.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ActionIcon, Anchor, Badge, Button, ColorSwatch, Group, Menu, Paper, SegmentedControl, Select, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconChevronLeft, IconChevronRight, IconDots, IconRefresh } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { api } from '../../lib/api';
import { mainStep, nextSteps, notableRisk, scheduleErrorMessage, useLocationsAll, type AppointmentStatus, type BoardItem, type Step } from '../../lib/schedule';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { APPOINTMENT_STATUS } from '../../lib/status';
import { addDays, formatLongDay, formatTime, todayIn } from '../../lib/zone';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { AppointmentDrawer, stepAppointment } from '../../components/schedule/AppointmentDrawer';
import { RiskBadge } from '../../components/schedule/RiskBadge';
import { useUrlParams } from '../../lib/params';

type Filter = 'all' | 'expected' | 'in' | 'done';
const IN_CLINIC: AppointmentStatus[] = ['arrived', 'roomed', 'with_provider'];
const EXPECTED: AppointmentStatus[] = ['booked', 'confirmed'];
const DONE: AppointmentStatus[] = ['checked_out', 'no_show'];

/** Minutes waiting from which a wait is "long" and "very long". */
const LONG_WAIT = 15;
const VERY_LONG_WAIT = 30;

function Waiting({ item }: { item: BoardItem }) {
  const m = item.minutes_waiting;
  if (m === null || m === undefined) return null;
  const since = item.status === 'roomed' ? 'since roomed' : 'since arrival';
  if (m >= VERY_LONG_WAIT)
    return (
      <span className="wait-very-long" title={`${m} minutes ${since}`}>
        waiting {m} min · very long
      </span>
    );
  if (m >= LONG_WAIT)
    return (
      <span className="wait-long" title={`${m} minutes ${since}`}>
        waiting {m} min · long
      </span>
    );
  return (
    <Text span size="xs" title={`${m} minutes ${since}`}>
      waiting {m} min
    </Text>
  );
}

function Stat({ label, value, color, active, onClick }: { label: string; value: number; color?: string; active?: boolean; onClick?: () => void }) {
  const body = (
    <>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {value}
      </Text>
    </>
  );
  if (!onClick) return <Paper p="xs">{body}</Paper>;
  return (
    <Paper
      p="xs"
      component="button"
      type="button"
      onClick={onClick}
      aria-pressed={active}
      style={{ textAlign: 'left', cursor: 'pointer', borderColor: active ? 'var(--mantine-color-praxis-7)' : undefined }}
    >
      {body}
    </Paper>
  );
}

export function CheckInBoardPage() {
  const session = useSession();
  const canWrite = session.can('schedule.write');
  const queryClient = useQueryClient();
  const [params, set] = useUrlParams();
  const locations = useLocationsAll();
  const locationId = Number(params.get('location')) || null;
  const location = (locations.data ?? []).find((l) => l.id === locationId);
  const tz = location?.time_zone ?? (locations.data ?? []).find((l) => l.active)?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : todayIn(tz);
  const isToday = date === todayIn(tz);
  const filter = (['all', 'expected', 'in', 'done'].includes(params.get('show') ?? '') ? params.get('show') : 'all') as Filter;

  const board = useQuery({
    queryKey: ['board', date, locationId],
    queryFn: ({ signal }) => api.get<{ date: string; items: BoardItem[] }>('/schedule/board', { date, location_id: locationId ?? '' }, signal),
    enabled: locations.isSuccess,
    refetchInterval: 30_000,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const items = useMemo(() => board.data?.items ?? [], [board.data]);
  const counts = useMemo(
    () => ({
      expected: items.filter((i) => EXPECTED.includes(i.status)).length,
      late: items.filter((i) => i.late).length,
      arrived: items.filter((i) => i.status === 'arrived').length,
      roomed: items.filter((i) => i.status === 'roomed').length,
      withProvider: items.filter((i) => i.status === 'with_provider').length,
      done: items.filter((i) => i.status === 'checked_out').length,
      noShow: items.filter((i) => i.status === 'no_show').length,
    }),
    [items],
  );
  const shown = items.filter((i) =>
    filter === 'expected' ? EXPECTED.includes(i.status) : filter === 'in' ? IN_CLINIC.includes(i.status) : filter === 'done' ? DONE.includes(i.status) : true,
  );

  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [announce, setAnnounce] = useState('');
  // On a tablet held upright the visit goes under the patient, to keep the buttons in view.
  const compact = useMediaQuery('(max-width: 62em)', false, { getInitialValueInEffect: false }) ?? false;

  const step = async (item: BoardItem, s: Step) => {
    setBusy(`${item.id}:${s.to}`);
    setError(null);
    try {
      const a = await stepAppointment(item, s.to);
      queryClient.setQueryData<{ date: string; items: BoardItem[] }>(['board', date, locationId], (old) =>
        old ? { ...old, items: old.items.map((x) => (x.id === a.id ? { ...x, ...a } : x)) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      void queryClient.invalidateQueries({ queryKey: ['appointments'] });
      void queryClient.invalidateQueries({ queryKey: ['appointment', a.id] });
      setAnnounce(`${a.patient.name}: ${APPOINTMENT_STATUS[a.status]?.label ?? a.status}`);
    } catch (e) {
      setError(`${item.patient.name}: ${scheduleErrorMessage(e, { tz: item.time_zone, providerLabel: item.provider_name })}`);
      void queryClient.invalidateQueries({ queryKey: ['board'] });
    } finally {
      setBusy(null);
    }
  };

  const locationData = [{ value: 'all', label: 'All locations' }, ...(locations.data ?? []).filter((l) => l.active || l.id === locationId).map((l) => ({ value: String(l.id), label: l.name }))];
  const updated = board.dataUpdatedAt ? formatTime(new Date(board.dataUpdatedAt).toISOString(), tz) : '';

  return (
    <>
      <PageHeader
        title="Check-in board"
        description={
          <>
            {formatLongDay(date)}
            {isToday ? ' (today)' : ''} · {location ? location.name : 'all locations'} · refreshes every 30 seconds
            {updated ? ` · updated ${updated}` : ''}
          </>
        }
        actions={
          <Group gap="xs">
            <Button variant="default" component={Link} to={`/schedule?date=${date}${locationId ? `&location=${locationId}` : ''}`}>
              Open in calendar
            </Button>
          </Group>
        }
      />
      <Paper p="xs" mb="sm">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Group gap={4} wrap="nowrap">
            <Button variant="default" onClick={() => set({ date: null })} disabled={isToday}>
              Today
            </Button>
            <ActionIcon variant="default" size="lg" aria-label="Previous day" onClick={() => set({ date: addDays(date, -1) })}>
              <IconChevronLeft size={18} />
            </ActionIcon>
            <ActionIcon variant="default" size="lg" aria-label="Next day" onClick={() => set({ date: addDays(date, 1) })}>
              <IconChevronRight size={18} />
            </ActionIcon>
          </Group>
          <DatePickerInput aria-label="Date" value={date} onChange={(v) => v && set({ date: String(v).slice(0, 10) })} valueFormat="ddd MM/DD/YYYY" w={150} />
          <Select aria-label="Location" data={locationData} value={locationId ? String(locationId) : 'all'} onChange={(v) => set({ location: v && v !== 'all' ? v : null })} allowDeselect={false} w={200} />
          <SegmentedControl
            aria-label="Show"
            value={filter}
            onChange={(v) => set({ show: v === 'all' ? null : v })}
            data={[
              { value: 'all', label: `All (${items.length})` },
              { value: 'expected', label: `Expected (${counts.expected})` },
              { value: 'in', label: `In clinic (${counts.arrived + counts.roomed + counts.withProvider})` },
              { value: 'done', label: `Done (${counts.done + counts.noShow})` },
            ]}
          />
          <Tooltip label="Refresh now">
            <ActionIcon variant="subtle" size="lg" aria-label="Refresh" loading={board.isFetching} onClick={() => void board.refetch()}>
              <IconRefresh size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Paper>
      <SimpleGrid cols={{ base: 3, sm: 4, md: 7 }} spacing="xs" mb="sm">
        <Stat label="Expected" value={counts.expected} onClick={() => set({ show: 'expected' })} active={filter === 'expected'} />
        <Stat label="Late" value={counts.late} color={counts.late ? 'orange.9' : undefined} />
        <Stat label="Waiting" value={counts.arrived} color={counts.arrived ? 'orange.9' : undefined} onClick={() => set({ show: 'in' })} active={filter === 'in'} />
        <Stat label="Roomed" value={counts.roomed} />
        <Stat label="With provider" value={counts.withProvider} />
        <Stat label="Checked out" value={counts.done} onClick={() => set({ show: 'done' })} active={filter === 'done'} />
        <Stat label="No-show" value={counts.noShow} color={counts.noShow ? 'red.9' : undefined} />
      </SimpleGrid>
      <div aria-live="polite" className="visually-hidden">
        {announce}
      </div>
      <ErrorAlert error={error} />
      {board.isError ? (
        <QueryState error={board.error} retry={() => void board.refetch()} />
      ) : (
        <Paper p="xs" mt={error ? 'sm' : 0}>
          <DataTable<BoardItem>
            aria-label="Check-in board"
            withTableBorder
            borderRadius="sm"
            striped
            highlightOnHover
            minHeight={shown.length ? undefined : 160}
            fetching={board.isLoading}
            records={shown}
            idAccessor="id"
            noRecordsText={items.length ? 'Nobody in this group' : 'No appointments on this day'}
            onRowClick={({ record, event }) => {
              if ((event.target as HTMLElement).closest('button, a')) return;
              setOpenId(record.id);
            }}
            rowClassName={(r) => (r.minutes_waiting !== null && r.minutes_waiting >= VERY_LONG_WAIT ? 'row-very-long-wait' : undefined)}
            columns={[
              {
                accessor: 'start',
                title: 'Time',
                width: compact ? '1%' : 84,
                noWrap: true,
                render: (r) => (
                  <>
                    <Text size="sm" fw={500} className="mono">
                      {formatTime(r.start, r.time_zone)}
                    </Text>
                    {r.late ? (
                      <Badge color="orange" size="sm">
                        Late
                      </Badge>
                    ) : null}
                  </>
                ),
              },
              {
                accessor: 'patient',
                title: 'Patient',
                render: (r) => (
                  <>
                    {session.can('patient.read') ? (
                      <Anchor component={Link} to={`/patients/${r.patient_id}`} fw={500} size="sm">
                        {r.patient.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" fw={500}>
                        {r.patient.name}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {r.patient.birth_date ? <>{formatDate(r.patient.birth_date)} · </> : null}MRN <span className="mono">{r.patient.mrn}</span>
                    </Text>
                    {compact ? (
                      <Group gap={6} wrap="nowrap" mt={2}>
                        <ColorSwatch color={r.type.color} size={8} aria-hidden />
                        <Text size="xs">
                          {r.type.name} · {r.provider_name}
                        </Text>
                      </Group>
                    ) : null}
                  </>
                ),
              },
              {
                accessor: 'type',
                title: 'Visit',
                hidden: compact,
                render: (r) => (
                  <>
                    <Group gap={6} wrap="nowrap">
                      <ColorSwatch color={r.type.color} size={10} aria-hidden />
                      <Text size="sm">{r.type.name}</Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {r.provider_name}
                    </Text>
                  </>
                ),
              },
              {
                accessor: 'status',
                title: 'Status',
                width: compact ? 116 : 150,
                noWrap: true,
                render: (r) => (
                  <>
                    <span data-testid={`board-status-${r.id}`}>
                      <StatusBadge status={r.status} map={APPOINTMENT_STATUS} />
                    </span>
                    {r.minutes_waiting !== null && r.minutes_waiting !== undefined ? (
                      <Text size="xs" mt={2}>
                        <Waiting item={r} />
                      </Text>
                    ) : null}
                    {notableRisk(r) || (r.overbook && EXPECTED.includes(r.status)) ? (
                      <Group gap={4} mt={4} wrap="wrap">
                        {notableRisk(r) ? <RiskBadge risk={notableRisk(r)!} size="xs" /> : null}
                        {r.overbook && EXPECTED.includes(r.status) ? (
                          <Badge color="orange" size="xs" variant="outline">
                            Overbooked
                          </Badge>
                        ) : null}
                      </Group>
                    ) : null}
                  </>
                ),
              },
              {
                accessor: 'actions',
                title: <span className="visually-hidden">Actions</span>,
                textAlign: 'right',
                width: compact ? '1%' : 170,
                noWrap: true,
                render: (r) => {
                  if (!canWrite) return null;
                  const main = mainStep(r);
                  const others = nextSteps(r).filter((s) => s.to !== main?.to);
                  return (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      {main ? (
                        <Button
                          size="compact-sm"
                          onClick={() => void step(r, main)}
                          loading={busy === `${r.id}:${main.to}`}
                          disabled={busy !== null && busy !== `${r.id}:${main.to}`}
                          aria-label={`${main.label}: ${r.patient.name}`}
                        >
                          {main.label}
                        </Button>
                      ) : null}
                      {others.length ? (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" aria-label={`More steps for ${r.patient.name}`}>
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            {others.map((s) => (
                              <Menu.Item key={s.to} color={s.to === 'no_show' ? 'red' : undefined} onClick={() => void step(r, s)}>
                                {s.label}
                              </Menu.Item>
                            ))}
                            <Menu.Divider />
                            <Menu.Item onClick={() => setOpenId(r.id)}>Details…</Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      ) : (
                        <Button size="compact-sm" variant="subtle" onClick={() => setOpenId(r.id)} aria-label={`Details of ${r.patient.name}`}>
                          Details
                        </Button>
                      )}
                    </Group>
                  );
                },
              },
            ]}
          />
        </Paper>
      )}
      <AppointmentDrawer appointmentId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
