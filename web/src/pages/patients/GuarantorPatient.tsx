// The patient of the practice who is another patient's guarantor, known by id: their name
// (a link to their page) and MRN, read from their record (shared with their page's cache).
import { Link } from 'react-router-dom';
import { Anchor, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../lib/api';
import { formatPersonName } from '../../lib/format';
import type { Patient } from '../../lib/types';

export function usePatientRecord(id: number | null) {
  return useQuery({
    queryKey: ['patient', String(id)],
    queryFn: ({ signal }) => api.get<Patient>(`/patients/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

/** "Family, Given" as a link, then "MRN 000123". `newTab` for links inside a form being edited. */
export function GuarantorPatientName({ id, name, mrn, newTab }: { id: number; name?: string; mrn?: string; newTab?: boolean }) {
  const q = usePatientRecord(name && mrn ? null : id);
  const shown = name ?? (q.data ? formatPersonName(q.data) : null);
  const number = mrn ?? q.data?.mrn;
  if (!shown) {
    if (q.isError) return <Text size="sm" c="red.8">{errorMessage(q.error)}</Text>;
    return <Loader size="xs" aria-label="Loading the guarantor" />;
  }
  return (
    <>
      <Anchor
        component={Link}
        to={`/patients/${id}`}
        fw={600}
        size="sm"
        data-testid="guarantor-patient"
        {...(newTab ? { target: '_blank', rel: 'noopener', 'aria-label': `${shown} (opens in a new tab)` } : {})}
      >
        {shown}
      </Anchor>
      {number ? (
        <Text span size="xs" c="dimmed" ml={6}>
          MRN <span className="mono">{number}</span>
        </Text>
      ) : null}
    </>
  );
}
