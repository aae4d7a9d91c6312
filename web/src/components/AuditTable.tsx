import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../lib/format';
import { useCursorList } from '../lib/lists';
import { OUTCOME_STATUS } from '../lib/status';
import type { Query } from '../lib/api';
import type { AuditEvent } from '../lib/types';
import { CursorTable } from './CursorTable';
import { QueryState } from './QueryState';
import { StatusBadge } from './StatusBadge';

export function AuditTable({ filters, showPatient = true, label = 'Audit events' }: { filters: Query; showPatient?: boolean; label?: string }) {
  const list = useCursorList<AuditEvent>(['audit'], '/audit', filters);
  // On an error the table and its footer both give way to the message.
  if (list.isError) return <QueryState error={list.error} retry={() => void list.refetch()} />;
  return (
    <CursorTable
      list={list}
      label={label}
      noun="events"
      noRecordsText="No events match"
      verticalSpacing="xs"
      fz="sm"
      columns={[
        {
          accessor: 'at',
          title: 'When',
          width: 180,
          noWrap: true,
          render: (e) => <span title={e.at}>{formatDateTime(e.at, undefined, { seconds: true, weekday: false })}</span>,
        },
        {
          accessor: 'user_email',
          title: 'User',
          render: (e) => (
            <>
              {e.user_email ?? (e.user_id ? `User #${e.user_id}` : 'System')}
              {e.ip ? (
                <Text size="xs" c="dimmed" className="mono">
                  from {e.ip}
                </Text>
              ) : null}
            </>
          ),
        },
        { accessor: 'action', title: 'Action', render: (e) => <span className="mono">{e.action}</span> },
        {
          accessor: 'object_type',
          title: 'Object',
          render: (e) => {
            const obj = e.object_type ? `${e.object_type}${e.object_id !== null && e.object_id !== undefined ? ` #${e.object_id}` : ''}` : '—';
            if (!showPatient || !e.patient_id) return obj;
            if (e.object_type === 'patient' && String(e.object_id) === String(e.patient_id))
              return (
                <Anchor component={Link} to={`/patients/${e.patient_id}`} size="sm">
                  {obj}
                </Anchor>
              );
            return (
              <>
                {obj}
                <br />
                <Anchor component={Link} to={`/patients/${e.patient_id}`} size="xs">
                  patient #{e.patient_id}
                </Anchor>
              </>
            );
          },
        },
        {
          accessor: 'outcome',
          title: 'Outcome',
          width: 120,
          render: (e) => (
            <>
              <StatusBadge status={e.outcome} map={OUTCOME_STATUS} />
              {e.reason ? (
                <Text size="xs" c="dimmed" mt={2}>
                  {e.reason}
                </Text>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}
