// The table of a small list loaded whole (set-up records): the error in place of the
// table, the look every list shares, and an "Edit" column for whoever may change them.
import type { ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { actionsColumn } from './CursorTable';
import { QueryState } from './QueryState';

export function ListTable<T>({
  query,
  records,
  label,
  noRecordsText,
  columns,
  idAccessor = 'id',
}: {
  query: Pick<UseQueryResult<unknown>, 'isError' | 'isLoading' | 'error' | 'refetch'>;
  /** The rows to show (the query's data, perhaps filtered). */
  records: T[];
  label: string;
  noRecordsText: string;
  columns: DataTableColumn<T>[];
  idAccessor?: string;
}) {
  if (query.isError) return <QueryState error={query.error} retry={() => void query.refetch()} />;
  return (
    <DataTable<T>
      aria-label={label}
      withTableBorder
      borderRadius="sm"
      striped
      minHeight={records.length ? undefined : 160}
      fetching={query.isLoading}
      records={records}
      idAccessor={idAccessor as never}
      noRecordsText={noRecordsText}
      columns={columns}
    />
  );
}

/** The "Edit" button column, only for those who may edit. */
export function editColumns<T>(canWrite: boolean, name: (r: T) => string, onEdit: (r: T) => void): DataTableColumn<T>[] {
  if (!canWrite) return [];
  return [
    actionsColumn<T>((r) => (
      <Button size="compact-sm" variant="light" onClick={() => onEdit(r)} aria-label={`Edit ${name(r)}`}>
        Edit
      </Button>
    )),
  ];
}

/** What a set-up list is for, and its "New …" button. */
export function ListIntro({ children, action, onAdd }: { children: ReactNode; action?: string; onAdd?: () => void }) {
  return (
    <Group justify="space-between" mb="sm" wrap="wrap">
      <Text size="sm" c="dimmed" maw={640}>
        {children}
      </Text>
      {action && onAdd ? (
        <Button leftSection={<IconPlus size={16} />} onClick={onAdd}>
          {action}
        </Button>
      ) : null}
    </Group>
  );
}
