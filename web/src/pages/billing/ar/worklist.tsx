// What the posting worklists share: the open / all filter (in the address), the claim and
// line a row is about (linking the claim's page and the patient's account), and sorting the
// rows loaded so far by a column.
import type { MouseEvent } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, SegmentedControl, Text } from '@mantine/core';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useUrlParams } from '../../../lib/params';

/** The status filter: open items (the default) or all of them. */
export function useStatusFilter() {
  const [params, set] = useUrlParams();
  const status = params.get('status') === 'all' ? 'all' : 'open';
  const control = (
    <SegmentedControl
      aria-label="Show"
      value={status}
      onChange={(v) => set({ status: v === 'all' ? v : null })}
      data={[
        { value: 'open', label: 'Open' },
        { value: 'all', label: 'All' },
      ]}
    />
  );
  return { query: status === 'all' ? '' : 'open', status, control };
}

/** A link in a clickable row opens itself, not the row's target too. */
export const stop = (e: MouseEvent) => e.stopPropagation();

/** "Claim 12 · line 2", and under it the patient's account. */
export function ClaimLineCell({ claimId, lineNo, patientId }: { claimId: number | null; lineNo: number | null; patientId?: number | null }) {
  if (!claimId)
    return (
      <Text size="sm" c="dimmed">
        No Praxis claim
      </Text>
    );
  return (
    <>
      <Anchor component={Link} to={`/billing/claims/${claimId}`} size="sm" style={{ whiteSpace: 'nowrap' }} onClick={stop}>
        Claim {claimId}
        {lineNo ? ` · line ${lineNo}` : ''}
      </Anchor>
      {patientId ? (
        <Text size="xs">
          <Anchor component={Link} to={`/patients/${patientId}?tab=account`} size="xs" c="dimmed" onClick={stop}>
            Patient account
          </Anchor>
        </Text>
      ) : null}
    </>
  );
}

/** The rows sorted by the column asked for (numbers as numbers, blanks last), ties by id. */
export function sortBy<T extends { id: number }>(rows: T[], s: DataTableSortStatus<T>): T[] {
  const k = s.columnAccessor as keyof T;
  const dir = s.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[k] as unknown,
      y = b[k] as unknown;
    if (x === y) return a.id - b.id;
    if (x === null || x === undefined || x === '') return 1;
    if (y === null || y === undefined || y === '') return -1;
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir || a.id - b.id;
  });
}
