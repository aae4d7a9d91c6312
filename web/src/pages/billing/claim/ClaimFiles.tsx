// The 837P files sent, newest first: when, the interchange control number the clearinghouse's
// acknowledgements quote, how many claims and their total, and the file as it was sent.
import { Text } from '@mantine/core';
import { formatDateTime } from '../../../lib/format';
import { useCursorList } from '../../../lib/lists';
import type { ClaimBatch } from '../../../lib/types';
import { actionsColumn, CursorTable } from '../../../components/CursorTable';
import { moneyColumn } from '../../../components/billing/money';
import { BatchDownload, batchFilename } from './SendClaims';

export function ClaimFiles() {
  const list = useCursorList<ClaimBatch>(['claim-batches'], '/claim-batches');
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        Every 837P file sent, kept exactly as it went out. Downloads are recorded in the audit trail.
      </Text>
      <CursorTable<ClaimBatch>
        list={list}
        label="Claim files"
        noun="files"
        noRecordsText="No claim file sent yet"
        columns={[
          { accessor: 'created_at', title: 'Sent', noWrap: true, render: (b) => formatDateTime(b.created_at) },
          { accessor: 'file', title: 'File', render: (b) => <span className="mono">{batchFilename(b.id)}</span> },
          { accessor: 'control', title: 'Control number', textAlign: 'right', render: (b) => <span className="mono">{b.control}</span> },
          { accessor: 'claims', title: 'Claims', textAlign: 'right', cellsClassName: 'num' },
          moneyColumn<ClaimBatch>('total_cents', 'Total', (b) => b.total_cents),
          actionsColumn<ClaimBatch>((b) => <BatchDownload id={b.id} label="837P" size="xs" />),
        ]}
      />
    </>
  );
}
