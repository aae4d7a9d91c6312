// "Fix and re-scrub in place": the visit's diagnoses and lines in the superbill's editor,
// with the claim's errors on the inputs they are about. Saving changes the encounter (at
// the version loaded); the server scrubs its claims again, and the page shows the fresh
// edits. A conflict keeps what was typed and offers the way on.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, api, errorMessage } from '../../../lib/api';
import { isEncounterField, useClaimChanged } from '../../../lib/billing';
import { formPath } from '../../../lib/forms';
import type { ClaimDetail, Encounter } from '../../../lib/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { EncounterFields, encounterSaveError } from '../../../components/billing/EncounterFields';
import { encounterBody, encounterToValues, useEncounterForm } from '../../../components/billing/encounterForm';

type Conflict = 'changed' | 'sent';

/** The claim's errors about one diagnosis or line, keyed by form path. */
function editErrors(claim: ClaimDetail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of claim.edits) {
    if (e.severity !== 'error' || !isEncounterField(e.field) || !e.field.includes('[')) continue;
    const msg = `${e.edit}: ${e.message}`;
    const path = formPath(e.field);
    out[path] = out[path] ? `${out[path]} ${msg}` : msg;
  }
  return out;
}

export function ClaimFixer({ claim, encounter, onDone }: { claim: ClaimDetail; encounter: Encounter; onDone: () => void }) {
  const queryClient = useQueryClient();
  const changed = useClaimChanged();
  const form = useEncounterForm(encounterToValues(encounter));
  const [version, setVersion] = useState(encounter.version);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const top = useRef<HTMLDivElement>(null);

  useEffect(() => {
    form.setErrors(editErrors(claim));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // A refusal is shown above the editor: bring it into view.
  useEffect(() => {
    if (conflict || error) top.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [conflict, error]);

  const save = async () => {
    setError(null);
    if (form.validate().hasErrors) return setError('Not saved: correct the marked fields.');
    setBusy(true);
    try {
      const updated = await api.patch<Encounter>(`/encounters/${encounter.id}`, { version, ...encounterBody(form.getValues()) });
      queryClient.setQueryData(['encounter', String(encounter.id)], updated);
      const fresh = await queryClient.fetchQuery({ queryKey: ['claim', String(claim.id)], queryFn: () => api.get<ClaimDetail>(`/claims/${claim.id}`), staleTime: 0 });
      changed(fresh);
      notifications.show({
        color: fresh.errors ? 'orange' : 'teal',
        message: `Saved and scrubbed again: claim ${claim.id} is ${fresh.status}${fresh.errors ? ` with ${fresh.errors} ${fresh.errors === 1 ? 'error' : 'errors'}` : ''}.`,
      });
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') setConflict('changed');
      else if (e instanceof ApiError && e.code === 'invalid-state') {
        setConflict('sent');
        changed();
      } else setError(encounterSaveError(form, e));
    } finally {
      setBusy(false);
    }
  };

  // Someone else saved the visit: theirs into the form, or keep mine over theirs.
  const reload = async (keepMine: boolean) => {
    setBusy(true);
    try {
      const latest = await api.get<Encounter>(`/encounters/${encounter.id}`);
      queryClient.setQueryData(['encounter', String(encounter.id)], latest);
      setVersion(latest.version);
      if (!keepMine) form.setValues(encounterToValues(latest));
      setConflict(null);
      if (keepMine) setError('Your changes are kept over theirs: press "Save and re-scrub" to save them.');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      aria-label="Fix the charges"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="md" ref={top} style={{ scrollMarginTop: 80 }}>
        {conflict === 'changed' ? (
          <Alert color="orange" title="Someone else changed this visit's charges" role="alert">
            <Text size="sm">While you were editing, another user saved this visit. Your changes are not saved yet and are still below.</Text>
            <Group mt="sm">
              <Button size="xs" onClick={() => void reload(false)} loading={busy}>
                Load their version
              </Button>
              <Button size="xs" variant="default" onClick={() => void reload(true)} loading={busy}>
                Keep my changes
              </Button>
            </Group>
          </Alert>
        ) : null}
        {conflict === 'sent' ? (
          <Alert color="orange" title="A claim of this visit is with the payer now" role="alert">
            <Text size="sm">
              Charges of a claim the payer holds are not edited. Once that claim is accepted or answered, use <b>Corrected claim</b> on it to send the change.
            </Text>
          </Alert>
        ) : null}
        <ErrorAlert error={error} />
        <EncounterFields form={form} date={encounter.service_date} payerId={claim.payer_id} />
        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={conflict !== null}>
            Save and re-scrub
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
