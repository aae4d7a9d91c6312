// The open start times of one day for a type and provider, as buttons.
import { useMemo } from 'react';
import { ScrollArea, Text } from '@mantine/core';
import { TimeGrid } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Slot } from '../../lib/schedule';
import type { Page } from '../../lib/types';
import { addDays, dayStart, formatLongDay, wallOf } from '../../lib/zone';

export function useOpenTimes(q: { typeId: number | null; providerId: number | null; locationId: number | null; date: string | null; tz: string | null }) {
  const query = {
    type_id: q.typeId ?? '',
    provider_id: q.providerId ?? '',
    location_id: q.locationId ?? '',
    from: q.date && q.tz ? dayStart(q.date, q.tz) : '',
    to: q.date && q.tz ? dayStart(addDays(q.date, 1), q.tz) : '',
    limit: 200,
  };
  const ready = Boolean(q.typeId && q.providerId && q.locationId && q.date && q.tz);
  const res = useQuery({
    queryKey: ['availability', 'day', query],
    queryFn: ({ signal }) => api.get<Page<Slot>>('/availability', query, signal),
    enabled: ready,
    staleTime: 10_000,
  });
  const times = useMemo(
    () =>
      (res.data?.items ?? [])
        .map((s) => wallOf(s.start, q.tz ?? 'UTC'))
        .filter((w) => w.slice(0, 10) === q.date)
        .map((w) => w.slice(11, 16)),
    [res.data, q.tz, q.date],
  );
  return { ready, times, isLoading: res.isLoading, isSuccess: res.isSuccess };
}

export function OpenTimes({
  date,
  times,
  isLoading,
  value,
  onChange,
  extra,
  cols = 6,
}: {
  date: string;
  times: string[];
  isLoading: boolean;
  value: string;
  onChange: (time: string) => void;
  /** Text after "no open time". */
  extra?: string;
  /** Buttons per row on wide screens. */
  cols?: number;
}) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        Open times on {formatLongDay(date)}
      </Text>
      {isLoading ? (
        <Text size="sm" c="dimmed">
          Looking for open times…
        </Text>
      ) : times.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open time on this day for this type.{extra ? ` ${extra}` : ''}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={150} type="auto" offsetScrollbars>
          <TimeGrid
            data={times}
            value={times.includes(value) ? value : null}
            onChange={(t) => t && onChange(t.slice(0, 5))}
            allowDeselect={false}
            format="12h"
            size="xs"
            simpleGridProps={{ cols: { base: 3, xs: Math.min(cols, 5), sm: cols }, spacing: 6 }}
            aria-label={`Open times on ${formatLongDay(date)}`}
          />
        </ScrollArea.Autosize>
      )}
    </div>
  );
}
