import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { AuditTable } from '../../components/AuditTable';
import { PageHeader } from '../../components/PageHeader';
import { api, type Query } from '../../lib/api';
import { DATE_INPUT_PROPS } from '../../lib/format';
import { useSession } from '../../lib/session';
import type { Page, User } from '../../lib/types';

/** Start of a local calendar day as an RFC 3339 instant. */
function dayStart(iso: string, plusDays = 0): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

interface Filters {
  user_id: string | null;
  patient_id: string;
  from: string | null;
  to: string | null;
}

export function AuditPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const initial: Filters = {
    user_id: params.get('user_id'),
    patient_id: params.get('patient_id') ?? '',
    from: params.get('from'),
    to: params.get('to'),
  };
  const [applied, setApplied] = useState<Filters>(initial);
  const form = useForm<Filters>({
    initialValues: initial,
    validate: {
      patient_id: (v) => (v.trim() && !/^\d+$/.test(v.trim()) ? 'Patient ID is a number' : null),
      to: (v, values) => (v && values.from && v < values.from ? '“To” is before “From”' : null),
    },
  });

  const users = useQuery({
    queryKey: ['users', 'all-for-filter'],
    queryFn: () => api.get<Page<User>>('/users', { limit: 500 }),
    enabled: session.can('user.read'),
    staleTime: 60_000,
  });

  const query: Query = {
    user_id: applied.user_id ?? undefined,
    patient_id: applied.patient_id.trim() || undefined,
    from: applied.from ? dayStart(applied.from) : undefined,
    to: applied.to ? dayStart(applied.to, 1) : undefined,
  };

  const apply = form.onSubmit((v) => {
    setApplied(v);
    const p: Record<string, string> = {};
    if (v.user_id) p.user_id = v.user_id;
    if (v.patient_id.trim()) p.patient_id = v.patient_id.trim();
    if (v.from) p.from = v.from;
    if (v.to) p.to = v.to;
    setParams(p, { replace: true });
  });

  const clear = () => {
    const empty: Filters = { user_id: null, patient_id: '', from: null, to: null };
    form.setValues(empty);
    setApplied(empty);
    setParams({}, { replace: true });
  };

  return (
    <>
      <PageHeader title="Audit trail" description="Every sign-in, and every read or change of patient data: who, what, when, from where, and the outcome." />
      <Paper p="md" mb="md">
        <form onSubmit={apply} aria-label="Audit filters">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm">
            {session.can('user.read') ? (
              <Select
                label="User"
                placeholder="Anyone"
                searchable
                clearable
                data={(users.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.display_name} (${u.email})` }))}
                {...form.getInputProps('user_id')}
              />
            ) : (
              <TextInput
                label="User ID"
                value={form.values.user_id ?? ''}
                onChange={(e) => form.setFieldValue('user_id', e.currentTarget.value || null)}
              />
            )}
            <TextInput label="Patient ID" inputMode="numeric" {...form.getInputProps('patient_id')} />
            <DateInput label="From" clearable {...DATE_INPUT_PROPS} {...form.getInputProps('from')} />
            <DateInput label="To" clearable {...DATE_INPUT_PROPS} {...form.getInputProps('to')} />
          </SimpleGrid>
          <Group mt="md" gap="sm">
            <Button type="submit">Apply filters</Button>
            <Button variant="subtle" onClick={clear}>
              Clear filters
            </Button>
          </Group>
        </form>
      </Paper>
      <Paper p="md">
        <AuditTable filters={query} />
      </Paper>
    </>
  );
}
