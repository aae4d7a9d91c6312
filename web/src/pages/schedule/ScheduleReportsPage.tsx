// What a practice manager judges the schedule by: how full each provider's week was, how
// many patients did not come or cancelled late, how far ahead they booked, and how long
// patients waited on the day. Both tables download as CSV and XLSX (audited).
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { IconInfoCircle } from '@tabler/icons-react';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { api } from '../../lib/api';
import { formatDate, formatDecimal, formatHours, formatMinutes, formatPercent } from '../../lib/format';
import { providerName, useLocationsAll, useProvidersAll, type UtilisationRow, type WaitTimeRow } from '../../lib/schedule';
import { addDays, formatDayLabel, todayIn } from '../../lib/zone';
import { DownloadButton } from '../../components/DownloadButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useUrlParams } from '../../lib/params';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The Monday on or before `date` (the reports' weeks start on Monday). */
function monday(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}

/** The last `weeks` full weeks (Monday to Sunday) before this one. */
export function lastFullWeeks(today: string, weeks = 4): { from: string; to: string } {
  const m = monday(today);
  return { from: addDays(m, -7 * weeks), to: addDays(m, -1) };
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000) + 1;
}

/** Sorts rows by a column, nulls last; ties by provider, then by `then` (the week or the day). */
function sortRows<T extends { provider: string }>(rows: T[], s: DataTableSortStatus<T>, then: keyof T): T[] {
  const k = s.columnAccessor as keyof T;
  const dir = s.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[k] as unknown,
      y = b[k] as unknown;
    if (x === y) return a.provider.localeCompare(b.provider) || String(a[then]).localeCompare(String(b[then]));
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
  });
}

/** "3 · 12.5%": a count and its rate. */
function CountRate({ n, rate }: { n: number; rate: number | null }) {
  return (
    <span className="num">
      {n}
      <Text span c="dimmed" size="xs">
        {' '}
        · {formatPercent(rate)}
      </Text>
    </span>
  );
}

function Downloads({ path, query, name, label }: { path: string; query: Record<string, string | number | undefined>; name: string; label: string }) {
  return (
    <Group gap="xs" role="group" aria-label={`Download ${label}`}>
      {(['csv', 'xlsx'] as const).map((f) => (
        <DownloadButton key={f} size="xs" path={path} query={{ ...query, format: f }} name={`${name}.${f}`} aria-label={`Download ${label} as ${f.toUpperCase()}`}>
          {f.toUpperCase()}
        </DownloadButton>
      ))}
    </Group>
  );
}

function Figure({ label, value, detail, hint }: { label: string; value: string; detail?: string; hint?: string }) {
  return (
    <Paper p="sm">
      <Group gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        {hint ? (
          <Tooltip label={hint} multiline w={260}>
            <IconInfoCircle size={14} aria-label={hint} color="var(--mantine-color-dimmed)" tabIndex={0} />
          </Tooltip>
        ) : null}
      </Group>
      <Text fw={700} size="xl" className="num" ta="left">
        {value}
      </Text>
      {detail ? (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The visits-weighted median of the daily medians (the server gives no overall median). */
function weightedMedian(pairs: { v: number; w: number }[]): number | null {
  const s = pairs.filter((p) => p.w > 0 && Number.isFinite(p.v)).sort((a, b) => a.v - b.v);
  const total = s.reduce((n, p) => n + p.w, 0);
  if (!total) return null;
  let acc = 0;
  for (const p of s) {
    acc += p.w;
    if (acc >= total / 2) return p.v;
  }
  return s[s.length - 1].v;
}

export function ScheduleReportsPage() {
  const [params, set] = useUrlParams();
  const locations = useLocationsAll();
  const providers = useProvidersAll();
  // The server reports in its first location's zone; so do the dates here.
  const tz = [...(locations.data ?? [])].sort((a, b) => a.id - b.id)[0]?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = todayIn(tz);
  const preset = lastFullWeeks(today);
  const from = ISO.test(params.get('from') ?? '') ? params.get('from')! : preset.from;
  const to = ISO.test(params.get('to') ?? '') ? params.get('to')! : preset.to;
  const providerId = Number(params.get('provider')) || null;
  const [range, setRange] = useState<[string | null, string | null]>([from, to]);

  const rangeError = to < from ? 'The end is before the start' : days(from, to) > 366 ? 'Choose at most a year (366 days)' : null;
  const query = { from, to };
  const ready = !rangeError;

  const util = useQuery({
    queryKey: ['reports', 'utilisation', from, to],
    queryFn: ({ signal }) => api.get<{ items: UtilisationRow[] }>('/reports/schedule/utilisation', query, signal),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
  const waits = useQuery({
    queryKey: ['reports', 'wait-times', from, to, providerId],
    queryFn: ({ signal }) => api.get<{ items: WaitTimeRow[] }>('/reports/schedule/wait-times', { ...query, provider_id: providerId ?? undefined }, signal),
    enabled: ready,
    placeholderData: keepPreviousData,
  });

  const utilRows = useMemo(
    () => (util.data?.items ?? []).filter((r) => !providerId || r.provider_id === undefined || r.provider_id === providerId),
    [util.data, providerId],
  );
  const waitRows = waits.data?.items ?? [];

  const [utilSort, setUtilSort] = useState<DataTableSortStatus<UtilisationRow>>({ columnAccessor: 'week', direction: 'asc' });
  const [waitSort, setWaitSort] = useState<DataTableSortStatus<WaitTimeRow>>({ columnAccessor: 'date', direction: 'asc' });
  const utilShown = useMemo(() => sortRows(utilRows, utilSort, 'week'), [utilRows, utilSort]);
  const waitShown = useMemo(() => sortRows(waitRows, waitSort, 'date'), [waitRows, waitSort]);

  const summary = useMemo(() => {
    const sum = (f: (r: UtilisationRow) => number, rows = utilRows) => rows.reduce((n, r) => n + f(r), 0);
    const available = sum((r) => r.available_min);
    const booked = sum((r) => r.booked_min);
    const appts = sum((r) => r.appointments);
    const cancels = sum((r) => r.cancellations);
    const late = sum((r) => r.late_cancellations);
    // No-shows of the visits whose time has passed (rows without a rate have none yet).
    const withRate = utilRows.filter((r) => r.no_show_rate !== null);
    const noShows = sum((r) => r.no_shows, withRate);
    const held = sum((r) => r.appointments - r.cancellations, withRate);
    const visits = waitRows.reduce((n, r) => n + r.visits, 0);
    return {
      utilisation: available ? booked / available : null,
      available,
      booked,
      noShowRate: held ? noShows / held : null,
      noShows,
      held,
      cancelRate: appts ? cancels / appts : null,
      lateRate: appts ? late / appts : null,
      cancels,
      late,
      appts,
      roomedWait: weightedMedian(waitRows.map((r) => ({ v: r.arrival_to_roomed_median, w: r.visits }))),
      visit: weightedMedian(waitRows.map((r) => ({ v: r.visit_median, w: r.visits }))),
      visits,
    };
  }, [utilRows, waitRows]);

  const providerData = [
    { value: 'all', label: 'All providers' },
    ...(providers.data ?? []).map((p) => ({ value: String(p.id), label: providerName(p) })),
  ];

  const name = (what: string) => `${what}-${from}-to-${to}${providerId && what === 'wait-times' ? `-provider-${providerId}` : ''}`;

  return (
    <>
      <PageHeader
        title="Schedule reports"
        description={`${formatDayLabel(from)} to ${formatDayLabel(to)} · weeks start on Monday · times in ${tz}`}
      />
      <Paper p="xs" mb="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <DatePickerInput
            type="range"
            label="Dates"
            value={range}
            onChange={(v) => {
              const [a, b] = v as [string | null, string | null];
              setRange([a, b]);
              if (a && b) set({ from: String(a).slice(0, 10), to: String(b).slice(0, 10) });
            }}
            valueFormat="MM/DD/YYYY"
            allowSingleDateInRange
            w={230}
            error={rangeError}
          />
          <Button
            variant="default"
            onClick={() => {
              setRange([preset.from, preset.to]);
              set({ from: null, to: null });
            }}
          >
            Last 4 full weeks
          </Button>
          <Button
            variant="default"
            onClick={() => {
              const r = lastFullWeeks(today, 13);
              setRange([r.from, r.to]);
              set({ from: r.from, to: r.to });
            }}
          >
            Last 13 weeks
          </Button>
          <Select
            label="Provider"
            data={providerData}
            value={providerId ? String(providerId) : 'all'}
            onChange={(v) => set({ provider: v && v !== 'all' ? v : null })}
            allowDeselect={false}
            searchable
            w={220}
          />
        </Group>
      </Paper>

      {rangeError ? (
        <Alert color="orange" mb="sm">
          {rangeError}.
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" mb="md" aria-label="Summary">
        <Figure
          label="Utilisation"
          value={formatPercent(summary.utilisation)}
          detail={`${formatHours(summary.booked)} booked of ${formatHours(summary.available)} available`}
          hint="Booked time (not cancelled) as a share of the providers' working time."
        />
        <Figure
          label="No-show rate"
          value={formatPercent(summary.noShowRate)}
          detail={`${summary.noShows} of ${summary.held} visits whose time has passed`}
        />
        <Figure
          label="Cancellations"
          value={formatPercent(summary.cancelRate)}
          detail={`${summary.cancels} of ${summary.appts} appointments; ${summary.late} late (${formatPercent(summary.lateRate)})`}
        />
        <Figure
          label="Median wait to be roomed"
          value={formatMinutes(summary.roomedWait)}
          detail={summary.visits ? `whole visit ${formatMinutes(summary.visit)} · ${summary.visits} visits` : 'no completed visits'}
          hint="The middle of the daily medians, weighted by visits: from arrival to being shown into a room."
        />
      </SimpleGrid>

      <Stack gap="lg">
        <section aria-labelledby="util-title">
          <Group justify="space-between" mb="xs" align="flex-end">
            <div>
              <Title order={2} size="h4" id="util-title">
                Utilisation by provider and week
              </Title>
              <Text size="xs" c="dimmed">
                Rates: no-shows of visits whose time has passed; cancellations of all bookings. Downloads are recorded in the audit trail.
              </Text>
            </div>
            <Downloads path="/reports/schedule/utilisation" query={query} name={name('utilisation')} label="utilisation" />
          </Group>
          {util.isError ? (
            <QueryState error={util.error} retry={() => void util.refetch()} />
          ) : (
            <DataTable<UtilisationRow>
              aria-label="Utilisation by provider and week"
              withTableBorder
              borderRadius="sm"
              striped
              highlightOnHover
              minHeight={utilShown.length ? undefined : 140}
              fetching={util.isFetching}
              records={utilShown}
              idAccessor={(r) => `${r.provider}-${r.week}`}
              horizontalSpacing="xs"
              sortStatus={utilSort}
              onSortStatusChange={setUtilSort}
              noRecordsText="No working hours or appointments in these dates"
              columns={[
                {
                  accessor: 'week',
                  title: 'Week of',
                  sortable: true,
                  render: (r) => (
                    <>
                      <Text size="sm" fw={500}>
                        {formatDate(r.week)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.provider}
                      </Text>
                    </>
                  ),
                },
                {
                  accessor: 'utilisation',
                  title: 'Utilisation',
                  sortable: true,
                  width: 108,
                  render: (r) => (
                    <Stack gap={2}>
                      <Text size="sm" className="num" ta="left">
                        {formatPercent(r.utilisation)}
                      </Text>
                      {r.utilisation !== null ? <Progress value={Math.min(r.utilisation * 100, 100)} size="sm" aria-hidden /> : null}
                      <Text size="xs" c="dimmed">
                        {formatHours(r.booked_min)} of {formatHours(r.available_min)}
                      </Text>
                    </Stack>
                  ),
                },
                { accessor: 'appointments', title: 'Appts', sortable: true, textAlign: 'right' },
                { accessor: 'no_show_rate', title: 'No-shows', sortable: true, textAlign: 'right', noWrap: true, render: (r) => <CountRate n={r.no_shows} rate={r.no_show_rate} /> },
                {
                  accessor: 'cancellation_rate',
                  title: (
                    <>
                      Cancelled
                      <br />
                      (late)
                    </>
                  ),
                  sortable: true,
                  textAlign: 'right',
                  render: (r) => (
                    <>
                      <CountRate n={r.cancellations} rate={r.cancellation_rate} />
                      <Text size="xs" c="dimmed" className="num">
                        late {r.late_cancellations} · {formatPercent(r.late_cancellation_rate)}
                      </Text>
                    </>
                  ),
                },
                {
                  accessor: 'median_lead_days',
                  title: (
                    <>
                      Lead time
                      <br />
                      (days)
                    </>
                  ),
                  sortable: true,
                  textAlign: 'right',
                  render: (r) => <span className="num">{formatDecimal(r.median_lead_days)}</span>,
                },
                {
                  accessor: 'new_patient_share',
                  title: (
                    <>
                      New
                      <br />
                      patients
                    </>
                  ),
                  sortable: true,
                  textAlign: 'right',
                  render: (r) => <span className="num">{formatPercent(r.new_patient_share)}</span>,
                },
              ]}
            />
          )}
        </section>

        <section aria-labelledby="wait-title">
          <Group justify="space-between" mb="xs" align="flex-end">
            <div>
              <Title order={2} size="h4" id="wait-title">
                Wait times by provider and day
              </Title>
              <Text size="xs" c="dimmed">
                Median and 90th percentile, in minutes, of checked-out visits with every step recorded.
              </Text>
            </div>
            <Downloads
              path="/reports/schedule/wait-times"
              query={{ ...query, provider_id: providerId ?? undefined }}
              name={name('wait-times')}
              label="wait times"
            />
          </Group>
          {waits.isError ? (
            <QueryState error={waits.error} retry={() => void waits.refetch()} />
          ) : (
            <DataTable<WaitTimeRow>
              aria-label="Wait times by provider and day"
              withTableBorder
              borderRadius="sm"
              striped
              highlightOnHover
              minHeight={waitShown.length ? undefined : 140}
              fetching={waits.isFetching}
              records={waitShown}
              idAccessor={(r) => `${r.provider}-${r.date}`}
              horizontalSpacing="xs"
              sortStatus={waitSort}
              onSortStatusChange={setWaitSort}
              noRecordsText="No completed visits with arrival, rooming, provider and check-out recorded in these dates"
              columns={[
                { accessor: 'provider', title: 'Provider', sortable: true },
                { accessor: 'date', title: 'Date', sortable: true, noWrap: true, render: (r) => formatDayLabel(r.date) },
                { accessor: 'visits', title: 'Visits', sortable: true, textAlign: 'right' },
                ...(
                  [
                    ['arrival_to_roomed', 'Arrival → roomed'],
                    ['roomed_to_provider', 'Roomed → provider'],
                    ['visit', 'Whole visit'],
                  ] as const
                ).map(([k, title]) => ({
                  accessor: `${k}_median` as keyof WaitTimeRow & string,
                  title: (
                    <span>
                      {title}
                      <Text span size="xs" c="dimmed" display="block" fw={400}>
                        median · 90th
                      </Text>
                    </span>
                  ),
                  sortable: true,
                  textAlign: 'right' as const,
                  noWrap: true,
                  render: (r: WaitTimeRow) => (
                    <span className="num">
                      {formatMinutes(r[`${k}_median`])}
                      <Text span c="dimmed" size="xs">
                        {' '}
                        · {formatMinutes(r[`${k}_p90`])}
                      </Text>
                    </span>
                  ),
                })),
              ]}
            />
          )}
        </section>
        <Text size="xs" c="dimmed">
          Dates and weeks are in the practice’s time zone ({tz}). Report for {formatDate(from)} to {formatDate(to)}.
        </Text>
      </Stack>
    </>
  );
}
