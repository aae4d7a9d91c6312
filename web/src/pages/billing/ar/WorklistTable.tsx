// The table of a posting worklist: the rows loaded so far, sorted by the column chosen (the
// sort stays within what is loaded; "Load more" brings the rest), the error in its place.
import { useState } from 'react';
import { DataTable, type DataTableColumn, type DataTableRowClickHandler, type DataTableSortStatus } from 'mantine-datatable';
import { LoadMore, type CursorList } from '../../../lib/lists';
import { QueryState } from '../../../components/QueryState';
import { sortBy } from './worklist';

export function WorklistTable<T extends { id: number }>({
  list,
  label,
  noun,
  noRecordsText,
  columns,
  initialSort,
  onRowClick,
}: {
  list: CursorList<T>;
  label: string;
  noun: string;
  noRecordsText: string;
  columns: DataTableColumn<T>[];
  initialSort: DataTableSortStatus<T>;
  /** Opening what a row is about (its links say the same for the keyboard). */
  onRowClick?: DataTableRowClickHandler<T>;
}) {
  const [sort, setSort] = useState<DataTableSortStatus<T>>(initialSort);
  if (list.isError) return <QueryState error={list.error} retry={() => void list.refetch()} />;
  return (
    <>
      <DataTable<T>
        aria-label={label}
        withTableBorder
        borderRadius="sm"
        striped
        horizontalSpacing={8}
        minHeight={list.items.length ? undefined : 160}
        fetching={list.isLoading}
        records={sortBy(list.items, sort)}
        idAccessor="id"
        noRecordsText={noRecordsText}
        sortStatus={sort}
        onSortStatusChange={setSort}
        columns={columns}
        highlightOnHover={Boolean(onRowClick)}
        onRowClick={onRowClick}
      />
      <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} noun={noun} />
    </>
  );
}
