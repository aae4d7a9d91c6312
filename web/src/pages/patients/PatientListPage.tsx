import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Anchor, Button, Paper, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { formatAge, formatDate, formatPersonName } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import { useSession } from '../../lib/session';
import type { PatientSummary } from '../../lib/types';

export function PatientListPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 250);

  const list = useCursorList<PatientSummary>(['patients', 'list'], '/patients', { q: debounced });

  return (
    <>
      <PageHeader
        title="Patients"
        description="Search by name (“smith jo”, “Doe, Jane”), birth date, phone number or MRN."
        actions={
          session.can('patient.write') ? (
            <Button component={Link} to="/patients/new" leftSection={<IconUserPlus size={16} />}>
              Register patient
            </Button>
          ) : null
        }
      />
      <Paper p="md">
        <TextInput
          label="Filter patients"
          placeholder="Name, birth date, phone or MRN"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setQ(v);
            setParams(v ? { q: v } : {}, { replace: true });
          }}
          mb="md"
          maw={480}
        />
        <CursorTable
          list={list}
          label="Patients"
          noun="patients"
          highlightOnHover
          emptyHeight={180}
          noRecordsText={debounced ? `No patient matches “${debounced}”` : 'No patients yet'}
          onRowClick={({ record }) => navigate(`/patients/${record.id}`)}
          columns={[
            {
              accessor: 'name',
              title: 'Name',
              render: (p) => (
                <Anchor component={Link} to={`/patients/${p.id}`} onClick={(e) => e.stopPropagation()} fw={500}>
                  {formatPersonName(p)}
                  {p.preferred_name ? (
                    <Text span c="dimmed" size="sm" fw={400}>
                      {` “${p.preferred_name}”`}
                    </Text>
                  ) : null}
                </Anchor>
              ),
            },
            {
              accessor: 'birth_date',
              title: 'Birth date',
              width: 170,
              render: (p) => (
                <>
                  {formatDate(p.birth_date)}{' '}
                  <Text span c="dimmed" size="sm">
                    ({formatAge(p.birth_date)})
                  </Text>
                </>
              ),
            },
            { accessor: 'mrn', title: 'MRN', width: 140, render: (p) => <span className="mono">{p.mrn}</span> },
            { accessor: 'status', title: 'Status', width: 120, render: (p) => <StatusBadge status={p.status} /> },
          ]}
        />
      </Paper>
    </>
  );
}
