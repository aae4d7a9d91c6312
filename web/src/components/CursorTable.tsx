// The table of a keyset-paginated list (lib/lists): the error in place of the
// table, the look every list shares, and the "Load more" footer.
import type { ReactNode } from 'react';
import type { MantineFontSize, MantineSpacing } from '@mantine/core';
import { DataTable, type DataTableColumn, type DataTableRowClickHandler } from 'mantine-datatable';
import { LoadMore, type CursorList } from '../lib/lists';
import { QueryState } from './QueryState';

export function CursorTable<T extends { id: number }>({
  list,
  label,
  noun,
  noRecordsText,
  columns,
  emptyHeight = 160,
  selection,
  ...extra
}: {
  list: CursorList<T>;
  /** The table's accessible name. */
  label: string;
  /** Plural, for the count under the table ("patients"). */
  noun: string;
  noRecordsText: string;
  columns: DataTableColumn<T>[];
  /** Height of the empty table. */
  emptyHeight?: number;
  /** Rows ticked with a checkbox: which are, which may be, and each checkbox's name. */
  selection?: { records: T[]; onChange: (records: T[]) => void; isSelectable: (record: T) => boolean; label: (record: T) => string; allLabel: string };
  highlightOnHover?: boolean;
  onRowClick?: DataTableRowClickHandler<T>;
  verticalSpacing?: MantineSpacing;
  horizontalSpacing?: MantineSpacing;
  fz?: MantineFontSize;
}) {
  return (
    <>
      {list.isError ? (
        <QueryState error={list.error} retry={() => void list.refetch()} />
      ) : (
        <DataTable<T>
          aria-label={label}
          withTableBorder
          borderRadius="sm"
          striped
          minHeight={list.items.length ? undefined : emptyHeight}
          fetching={list.isLoading}
          records={list.items}
          idAccessor="id"
          noRecordsText={noRecordsText}
          columns={columns}
          {...(selection
            ? {
                selectedRecords: selection.records,
                onSelectedRecordsChange: selection.onChange,
                isRecordSelectable: selection.isSelectable,
                getRecordSelectionCheckboxProps: (r: T) => ({ 'aria-label': selection.label(r) }),
                allRecordsSelectionCheckboxProps: { 'aria-label': selection.allLabel },
              }
            : {})}
          {...extra}
        />
      )}
      <LoadMore
        count={list.items.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
        noun={noun}
      />
    </>
  );
}

/** The last column, with each row's buttons; its header is for screen readers only. */
export function actionsColumn<T>(render: (record: T) => ReactNode): DataTableColumn<T> {
  return {
    accessor: 'actions',
    title: <span className="visually-hidden">Actions</span>,
    textAlign: 'right',
    render,
  };
}
