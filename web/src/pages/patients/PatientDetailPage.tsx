import { useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCalendarEvent, IconHistory, IconId, IconPencil, IconReceipt, IconShieldHeart } from '@tabler/icons-react';
import { ApiError, api, errorMessage } from '../../lib/api';
import { humanizeField, patchBody } from '../../lib/forms';
import {
  formatAge,
  formatCityLine,
  formatDate,
  formatDateTime,
  formatPersonName,
  formatPhone,
  PREFERRED_CONTACT_LABELS,
  SEX_AT_BIRTH_LABELS,
  yesNo,
} from '../../lib/format';
import { guarantorPatientId } from '../../lib/family';
import { useSession } from '../../lib/session';
import type { Patient } from '../../lib/types';
import { AuditTable } from '../../components/AuditTable';
import { PatientCoverages } from '../../components/billing/PatientCoverages';
import { PatientAccount } from '../../components/billing/account/PatientAccount';
import { PatientAppointments } from '../../components/schedule/PatientAppointments';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { GuarantorPatientName } from './GuarantorPatient';
import {
  changedFields,
  FIELD_LABELS,
  NEEDS_ATTENTION,
  PatientErrorAlert,
  PatientFields,
  patientToValues,
  usePatientErrors,
  usePatientForm,
  valuesToBody,
  type PatientFormValues,
} from './PatientForm';

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <>
      <dt>{label}</dt>
      <dd>{empty ? <Text span c="dimmed" size="sm">—</Text> : children}</dd>
    </>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper p="md">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <dl className="dl">{children}</dl>
    </Paper>
  );
}

function Demographics({ p }: { p: Patient }) {
  const a = p.address;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      <Card title="Personal">
        <Field label="Family name">{p.family_name}</Field>
        <Field label="Given name">{p.given_name}</Field>
        <Field label="Middle name">{p.middle_name}</Field>
        <Field label="Preferred name">{p.preferred_name}</Field>
        <Field label="Birth date">{`${formatDate(p.birth_date)} (${formatAge(p.birth_date)})`}</Field>
        <Field label="Sex at birth">{SEX_AT_BIRTH_LABELS[p.sex_at_birth] ?? p.sex_at_birth}</Field>
        <Field label="Gender identity">{p.gender_identity}</Field>
      </Card>
      <Card title="Contact">
        <Field label="Mobile phone">{formatPhone(p.phone_mobile)}</Field>
        <Field label="Home phone">{formatPhone(p.phone_home)}</Field>
        <Field label="Work phone">{formatPhone(p.phone_work)}</Field>
        <Field label="Email">{p.email}</Field>
        <Field label="Preferred contact">{p.preferred_contact ? (PREFERRED_CONTACT_LABELS[p.preferred_contact] ?? p.preferred_contact) : null}</Field>
        <Field label="Language">{p.preferred_language}</Field>
      </Card>
      <Card title="Address">
        <Field label="Street">
          {a?.line1 || a?.line2 ? (
            <>
              {a?.line1}
              {a?.line2 ? <br /> : null}
              {a?.line2}
            </>
          ) : null}
        </Field>
        <Field label="City, state, ZIP">{formatCityLine(a)}</Field>
        {a?.country && a.country !== 'US' ? <Field label="Country">{a.country}</Field> : null}
      </Card>
      <Card title="Emergency contact">
        <Field label="Name">{p.emergency_contact?.name}</Field>
        <Field label="Relationship">{p.emergency_contact?.relationship}</Field>
        <Field label="Phone">{formatPhone(p.emergency_contact?.phone)}</Field>
      </Card>
      <Card title="Guarantor">
        {guarantorPatientId(p) !== null ? (
          <>
            <Field label="Patient">
              <GuarantorPatientName id={guarantorPatientId(p)!} />
            </Field>
            <Field label="Relationship">{p.guarantor?.relationship}</Field>
            <Field label="Account">Family account, held by the guarantor</Field>
          </>
        ) : p.guarantor?.name ? (
          <>
            <Field label="Name">{p.guarantor.name}</Field>
            <Field label="Relationship">{p.guarantor.relationship}</Field>
            <Field label="Phone">{formatPhone(p.guarantor.phone)}</Field>
          </>
        ) : (
          <Field label="Responsible party">Patient (self)</Field>
        )}
      </Card>
      <Card title="Consent and privacy">
        <Field label="Text messages">{yesNo(p.sms_consent)}</Field>
        <Field label="Email">{yesNo(p.email_consent)}</Field>
        <Field label="Privacy notice given">{p.privacy_notice_at ? formatDate(p.privacy_notice_at.slice(0, 10)) : 'Not recorded'}</Field>
        <Field label="Registered">{formatDateTime(p.created_at)}</Field>
        <Field label="Last changed">{formatDateTime(p.updated_at)}</Field>
      </Card>
    </SimpleGrid>
  );
}

interface Conflict {
  /** Set once the latest version has been loaded under the user's edits. */
  reloaded: boolean;
  theirs: string[];
  both: string[];
}

function PatientEditor({ patient, onDone }: { patient: Patient; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [baseline, setBaseline] = useState<PatientFormValues>(() => patientToValues(patient));
  const [baseVersion, setBaseVersion] = useState(patient.version);
  const form = usePatientForm(baseline);
  const [busy, setBusy] = useState(false);
  const errors = usePatientErrors(form);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const save = form.onSubmit(
    async (values) => {
      errors.clear();
      const changed = changedFields(baseline, values);
      if (changed.length === 0) {
        notifications.show({ message: 'Nothing was changed.' });
        onDone();
        return;
      }
      setBusy(true);
      try {
        const updated = await api.patch<Patient>(`/patients/${patient.id}`, patchBody(baseVersion, valuesToBody(values), changed));
        queryClient.setQueryData(['patient', String(patient.id)], updated);
        void queryClient.invalidateQueries({ queryKey: ['patients'] });
        void queryClient.invalidateQueries({ queryKey: ['audit'] });
        // A new guarantor patient moves this patient into (or out of) a family account.
        if (changed.includes('guarantor')) void queryClient.invalidateQueries({ queryKey: ['account'] });
        notifications.show({ color: 'teal', title: 'Saved', message: `${formatPersonName(updated)}: ${changed.map((k) => FIELD_LABELS[k] ?? k).join(', ')}` });
        onDone();
      } catch (e) {
        if (e instanceof ApiError && (e.code === 'version-conflict' || (e.status === 409 && e.code === 'conflict'))) {
          setConflict({ reloaded: false, theirs: [], both: [] });
          window.scrollTo({ top: 0, behavior: 'smooth' });
        } else {
          errors.fail(e);
        }
      } finally {
        setBusy(false);
      }
    },
    () => errors.setError(NEEDS_ATTENTION),
  );

  // Load the other person's version underneath, keep every field this user changed.
  const reloadKeepingMine = async () => {
    setBusy(true);
    try {
      const latest = await api.get<Patient>(`/patients/${patient.id}`);
      queryClient.setQueryData(['patient', String(patient.id)], latest);
      const mine = form.getValues();
      const myChanges = changedFields(baseline, mine);
      const latestValues = patientToValues(latest);
      const theirs = changedFields(baseline, latestValues);
      const merged: PatientFormValues = { ...latestValues };
      for (const k of myChanges) (merged as unknown as Record<string, unknown>)[k] = (mine as unknown as Record<string, unknown>)[k];
      setBaseline(latestValues);
      setBaseVersion(latest.version);
      form.setValues(merged);
      setConflict({ reloaded: true, theirs, both: theirs.filter((k) => myChanges.includes(k)) });
    } catch (e) {
      errors.setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const label = (ks: string[]) => ks.map((k) => FIELD_LABELS[k] ?? humanizeField(k)).join(', ');

  return (
    <form onSubmit={save} noValidate aria-label="Edit patient">
      <Stack gap="md">
        {conflict && !conflict.reloaded ? (
          <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="Someone else changed this patient" role="alert">
            <Text size="sm">
              While you were editing, another user saved changes to this patient. Your changes have <b>not</b> been saved yet, and they are still in the
              form below.
            </Text>
            <Group mt="sm">
              <Button onClick={reloadKeepingMine} loading={busy}>
                Load their changes and keep my edits
              </Button>
              <Button variant="subtle" color="gray" onClick={onDone}>
                Discard my edits
              </Button>
            </Group>
          </Alert>
        ) : null}
        {conflict?.reloaded ? (
          <Alert color="blue" title="Latest version loaded — your edits kept" role="status">
            <Text size="sm">
              {conflict.theirs.length ? <>The other user changed: {label(conflict.theirs)}. </> : <>The other user changed nothing you can see here. </>}
              {conflict.both.length ? (
                <>
                  You both changed <b>{label(conflict.both)}</b>: your value is in the form; check it before saving.
                </>
              ) : null}{' '}
              Review and press “Save changes” again.
            </Text>
          </Alert>
        ) : null}
        <PatientErrorAlert title="Not saved" errors={errors} />
        <PatientFields form={form} patientId={patient.id} />
        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={Boolean(conflict && !conflict.reloaded)}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PatientDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const [params] = useSearchParams();
  const [tab, setTab] = useState<string | null>(params.get('tab') ?? 'demographics');
  const q = useQuery({
    queryKey: ['patient', id],
    queryFn: ({ signal }) => api.get<Patient>(`/patients/${encodeURIComponent(id)}`, undefined, signal),
  });

  if (q.isLoading)
    return (
      <Stack>
        <Skeleton h={36} w={320} />
        <Skeleton h={20} w={480} />
        <Skeleton h={240} />
      </Stack>
    );
  if (q.isError || !q.data) return <QueryState error={q.error ?? new Error('Not found')} retry={() => void q.refetch()} />;
  const p = q.data;
  const canEdit = session.can('patient.write') && p.status !== 'merged';

  return (
    <Stack gap="md">
      <Paper p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={4}>
            <Group gap="sm" align="center">
              <Title order={1} size="h2" data-testid="patient-name">
                {formatPersonName(p)}
              </Title>
              <StatusBadge status={p.status} />
            </Group>
            {p.preferred_name ? (
              <Text size="sm" c="dimmed">
                Goes by “{p.preferred_name}”
              </Text>
            ) : null}
            <Group gap="lg" mt={4}>
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  Born{' '}
                </Text>
                {formatDate(p.birth_date)} ({formatAge(p.birth_date)})
              </Text>
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  Sex{' '}
                </Text>
                {SEX_AT_BIRTH_LABELS[p.sex_at_birth] ?? p.sex_at_birth}
              </Text>
              <Text size="sm" aria-label={`MRN ${p.mrn}`}>
                <IconId size={16} aria-hidden style={{ verticalAlign: '-3px', marginRight: 4 }} />
                <Text span c="dimmed" size="sm">
                  MRN{' '}
                </Text>
                <span className="mono" data-testid="patient-mrn">
                  {p.mrn}
                </span>
              </Text>
              {p.phone_mobile ? (
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    Mobile{' '}
                  </Text>
                  {formatPhone(p.phone_mobile)}
                </Text>
              ) : null}
            </Group>
          </Stack>
          {canEdit && !editing ? (
            <Button leftSection={<IconPencil size={16} />} onClick={() => { setTab('demographics'); setEditing(true); }}>
              Edit
            </Button>
          ) : null}
        </Group>
      </Paper>

      {p.status === 'merged' && p.merged_into_id ? (
        <Alert color="violet" title="This record was merged">
          This duplicate was merged into{' '}
          <Anchor component={Link} to={`/patients/${p.merged_into_id}`}>
            the surviving patient record
          </Anchor>
          . Make changes there.
        </Alert>
      ) : null}

      {editing ? (
        <PatientEditor key={p.id} patient={p} onDone={() => setEditing(false)} />
      ) : (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="demographics">Demographics</Tabs.Tab>
            <Tabs.Tab value="insurance" leftSection={<IconShieldHeart size={16} />}>
              Insurance
            </Tabs.Tab>
            <Tabs.Tab value="account" leftSection={<IconReceipt size={16} />}>
              Account
            </Tabs.Tab>
            {session.can('schedule.read') ? (
              <Tabs.Tab value="appointments" leftSection={<IconCalendarEvent size={16} />}>
                Appointments
              </Tabs.Tab>
            ) : null}
            {session.can('audit.read') ? (
              <Tabs.Tab value="access" leftSection={<IconHistory size={16} />}>
                Access history
              </Tabs.Tab>
            ) : null}
          </Tabs.List>
          <Tabs.Panel value="demographics">
            <Demographics p={p} />
          </Tabs.Panel>
          <Tabs.Panel value="insurance">
            <PatientCoverages patientId={p.id} canWrite={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="account">
            <PatientAccount patientId={p.id} patientName={formatPersonName(p)} canPay={session.can('payment.write') && p.status !== 'merged'} />
          </Tabs.Panel>
          {session.can('schedule.read') ? (
            <Tabs.Panel value="appointments">
              <PatientAppointments patient={{ id: p.id, name: formatPersonName(p), mrn: p.mrn, birth_date: p.birth_date }} />
            </Tabs.Panel>
          ) : null}
          {session.can('audit.read') ? (
            <Tabs.Panel value="access">
              <Paper p="md">
                <Text size="sm" c="dimmed" mb="sm">
                  Everyone who viewed or changed this patient's record, newest first.
                </Text>
                <AuditTable filters={{ patient_id: p.id }} showPatient={false} label="Access history" />
              </Paper>
            </Tabs.Panel>
          ) : null}
        </Tabs>
      )}
    </Stack>
  );
}
