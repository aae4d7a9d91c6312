// The superbill of one visit (from the queue, or entered on its own): diagnoses and service
// lines with their fees. Save enters the charges, then builds the visit's claims (one per
// payer in coverage order, scrubbed) for whoever may build claims.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useLocationsAll } from '../../../lib/schedule';
import type { ClaimDetail, Encounter, QueueVisit } from '../../../lib/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CoverageSummary, usePrimaryPayer } from '../../../components/billing/CoverageSummary';
import { EncounterFields, encounterSaveError } from '../../../components/billing/EncounterFields';
import { encounterBody, encounterToValues, useEncounterForm } from '../../../components/billing/encounterForm';
import { NewVisitFields, useVisitForm, visitBody } from './NewVisitFields';

export interface SavedEncounter {
  encounter: Encounter;
  /** null when this user does not build claims. */
  claims: ClaimDetail[] | null;
  claimError: unknown;
}

function VisitHeader({ visit }: { visit: QueueVisit }) {
  const locations = useLocationsAll();
  const loc = (locations.data ?? []).find((l) => l.id === visit.location_id);
  return (
    <Stack gap={4}>
      <Group gap="sm" align="baseline">
        <Title order={2} size="h3">
          <Anchor component={Link} to={`/patients/${visit.patient_id}`} inherit>
            {visit.patient.name}
          </Anchor>
        </Title>
        <Text size="sm" c="dimmed">
          MRN <span className="mono">{visit.patient.mrn}</span>
        </Text>
      </Group>
      <Text size="sm">
        {formatDateTime(visit.start, loc?.time_zone)} · {visit.provider_name}
        {loc ? ` · ${loc.name}` : ''}
      </Text>
      <CoverageSummary patientId={visit.patient_id} date={visit.service_date} />
    </Stack>
  );
}

export function Superbill({ visit, onSaved }: { visit: QueueVisit | null; onSaved: (s: SavedEncounter) => void }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const form = useEncounterForm(encounterToValues());
  const head = useVisitForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const date = visit ? visit.service_date : head.values.service_date;
  const patientId = visit ? visit.patient_id : (head.values.patient_id?.id ?? null);
  const payerId = usePrimaryPayer(patientId, date);
  const buildsClaims = session.can('claim.write');

  const save = async () => {
    setError(null);
    const bad = [form.validate().hasErrors, !visit && head.validate().hasErrors].some(Boolean);
    if (bad) return setError('Not saved: correct the marked fields.');
    setBusy(true);
    let encounter: Encounter;
    try {
      const where = visit ? { appointment_id: visit.appointment_id } : visitBody(head.getValues());
      encounter = await api.post<Encounter>('/encounters', { ...where, ...encounterBody(form.getValues()) });
    } catch (e) {
      setError(encounterSaveError(form, e, visit ? undefined : head));
      setBusy(false);
      return;
    }
    let claims: ClaimDetail[] | null = null;
    let claimError: unknown = null;
    if (buildsClaims) {
      try {
        claims = (await api.post<{ items: ClaimDetail[] }>(`/encounters/${encounter.id}/claims`)).items;
      } catch (e) {
        claimError = e;
      }
    }
    void queryClient.invalidateQueries({ queryKey: ['encounters'] });
    void queryClient.invalidateQueries({ queryKey: ['claims'] });
    setBusy(false);
    onSaved({ encounter, claims, claimError });
  };

  return (
    <Paper p="md">
      <form
        noValidate
        aria-label="Superbill"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="md">
          {visit ? (
            <VisitHeader visit={visit} />
          ) : (
            <Stack gap="sm">
              <Title order={2} size="h3">
                New encounter
              </Title>
              <Text size="sm" c="dimmed">
                Charges for a visit without an appointment on the calendar.
              </Text>
              <NewVisitFields form={head} />
              {head.values.patient_id && date ? <CoverageSummary patientId={head.values.patient_id.id} date={date} /> : null}
            </Stack>
          )}
          <ErrorAlert error={error} />
          <EncounterFields form={form} date={date} payerId={payerId} />
          <Group justify="space-between" className="sticky-actions">
            <Text size="sm" c="dimmed">
              {date ? `Date of service ${formatDate(date)}` : ''}
            </Text>
            <Button type="submit" loading={busy}>
              {buildsClaims ? 'Save and build claims' : 'Save charges'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
