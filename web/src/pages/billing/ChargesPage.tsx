// Charge entry: the checked-out visits waiting for charges on the left; the chosen visit's
// superbill on the right (or a new encounter without an appointment), then the claims
// that saving built. The choice is in the address (?visit= or ?new=1).
import { useState } from 'react';
import { Grid, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useUrlParams } from '../../lib/params';
import type { QueueVisit } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SavedResult } from './charges/SavedResult';
import { Superbill, type SavedEncounter } from './charges/Superbill';
import { VisitQueue } from './charges/VisitQueue';

export function ChargesPage() {
  const [params, set] = useUrlParams();
  const visitId = Number(params.get('visit')) || null;
  const isNew = params.get('new') === '1';
  const [saved, setSaved] = useState<{ key: string; result: SavedEncounter } | null>(null);
  const queue = useQuery({
    queryKey: ['encounters', 'queue'],
    queryFn: ({ signal }) => api.get<{ items: QueueVisit[] }>('/encounters/queue', { days: 30 }, signal).then((r) => r.items),
  });
  const key = isNew ? 'new' : String(visitId ?? '');
  const visit = (queue.data ?? []).find((v) => v.appointment_id === visitId) ?? null;
  const choose = (v: QueueVisit) => set({ visit: String(v.appointment_id), new: null });
  const next = () => {
    const first = [...(queue.data ?? [])].sort((a, b) => b.start.localeCompare(a.start))[0];
    setSaved(null);
    if (first) choose(first);
    else set({ visit: null, new: null });
  };

  let main;
  if (saved && saved.key === key) main = <SavedResult saved={saved.result} onNext={next} hasNext={(queue.data ?? []).length > 0} />;
  else if (isNew || visit) main = <Superbill key={key} visit={isNew ? null : visit} onSaved={(result) => setSaved({ key, result })} />;
  else
    main = (
      <Paper p="xl">
        <Text c="dimmed">
          {visitId && queue.isSuccess
            ? 'This visit is no longer waiting for charges: they were entered already, or the visit was changed.'
            : 'Choose a checked-out visit on the left to enter its charges, or start a new encounter for a visit without an appointment.'}
        </Text>
      </Paper>
    );

  return (
    <>
      <PageHeader title="Charge entry" description="Enter each visit's diagnoses and services; saving builds and checks the claims." />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <VisitQueue queue={queue} selected={isNew ? null : visitId} newActive={isNew} onSelect={choose} onNew={() => set({ new: '1', visit: null })} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>{main}</Grid.Col>
      </Grid>
    </>
  );
}
