// Keyset-paginated lists: {items, next_cursor} pages joined into one array,
// with a "Load more" button underneath.
import { Button, Group, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type Query } from './api';
import type { Page } from './types';

/** `keepPrevious`: while other filters load, the rows of the last ones stay on screen. */
export function useCursorList<T>(key: unknown[], path: string, query: Query = {}, opts: { enabled?: boolean; limit?: number; keepPrevious?: boolean } = {}) {
  const q = useInfiniteQuery({
    queryKey: [...key, query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(path, { ...query, limit: opts.limit ?? 50, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: opts.enabled ?? true,
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...q, items };
}

export type CursorList<T> = ReturnType<typeof useCursorList<T>>;

export function LoadMore({
  count,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  noun = 'records',
}: {
  count: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  noun?: string;
}) {
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {count === 0 ? '' : hasNextPage ? `Showing the first ${count} ${noun}` : `${count} ${count === 1 ? noun.replace(/s$/, '') : noun}`}
      </Text>
      {hasNextPage ? (
        <Button variant="default" onClick={() => void fetchNextPage()} loading={isFetchingNextPage}>
          Load more
        </Button>
      ) : null}
    </Group>
  );
}
