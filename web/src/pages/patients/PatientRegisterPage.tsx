import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError, api } from '../../lib/api';
import { formatBirthDate, formatPersonName } from '../../lib/format';
import type { DuplicateCandidate, Patient } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import {
  createBody,
  emptyPatientValues,
  NEEDS_ATTENTION,
  PatientErrorAlert,
  PatientFields,
  usePatientErrors,
  usePatientForm,
  type PatientFormValues,
} from './PatientForm';

export function PatientRegisterPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = usePatientForm(emptyPatientValues());
  const [busy, setBusy] = useState(false);
  const errors = usePatientErrors(form);
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);

  // Bring the duplicate warning into view and give it focus (screen readers read it).
  useEffect(() => {
    if (candidates) document.getElementById('duplicate-alert')?.focus();
  }, [candidates]);

  const save = async (values: PatientFormValues, confirmNew: boolean) => {
    setBusy(true);
    errors.clear();
    try {
      const body = createBody(values);
      if (confirmNew) body.confirm_new = true;
      const p = await api.post<Patient>('/patients', body);
      queryClient.setQueryData(['patient', String(p.id)], p);
      void queryClient.invalidateQueries({ queryKey: ['patients'] });
      notifications.show({ color: 'teal', title: 'Patient registered', message: `${formatPersonName(p)} — MRN ${p.mrn}` });
      navigate(`/patients/${p.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'duplicate-patient') {
        const list = (e.problem.candidates as DuplicateCandidate[] | undefined) ?? [];
        setCandidates(list);
      } else {
        errors.fail(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = form.onSubmit(
    (values) => void save(values, false),
    () => {
      errors.setError(NEEDS_ATTENTION);
      window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    },
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Register patient">
      <PageHeader
        title="Register patient"
        description="Required: family name, given name, birth date and sex at birth. Everything else can be added later."
      />
      <Stack gap="md">
        {candidates ? (
          <Alert
            id="duplicate-alert"
            tabIndex={-1}
            color="orange"
            icon={<IconAlertTriangle size={20} />}
            title="This patient may already be registered"
            role="alert"
          >
            <Text size="sm" mb="sm">
              {candidates.length === 1 ? 'A patient' : `${candidates.length} patients`} with a similar name and the same birth date already
              {candidates.length === 1 ? ' exists' : ' exist'}. Open the existing record instead of creating a duplicate, or register a new patient if
              this is a different person. What you typed is kept.
            </Text>
            <Table withTableBorder={false} verticalSpacing={4} maw={640} aria-label="Possible duplicates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Birth date</Table.Th>
                  <Table.Th>MRN</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {candidates.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/patients/${c.id}`}>
                        {formatPersonName(c)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatBirthDate(c.birth_date)}</Table.Td>
                    <Table.Td className="mono">{c.mrn}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group mt="md">
              <Button variant="default" loading={busy} onClick={() => form.onSubmit((v) => void save(v, true))()}>
                Register as new patient anyway
              </Button>
              <Button variant="subtle" color="gray" onClick={() => setCandidates(null)}>
                Keep editing
              </Button>
            </Group>
          </Alert>
        ) : null}
        {candidates ? null : <PatientErrorAlert title="The patient was not registered" errors={errors} />}
        <PatientFields form={form} />
        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" component={Link} to="/patients">
            Cancel
          </Button>
          <Button type="submit" loading={busy && !candidates}>
            Register patient
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
