// One patient in a list of search matches (the top-bar search, the patient picker of
// forms): name with preferred name, birth date and MRN, and the status when not active.
import { Combobox, Group, Text } from '@mantine/core';
import { formatBirthDate, formatPersonName } from '../lib/format';
import type { PatientSummary } from '../lib/types';
import { StatusBadge } from './StatusBadge';

export function PatientOption({ p }: { p: PatientSummary }) {
  return (
    <Combobox.Option value={String(p.id)} aria-label={`${formatPersonName(p)}, born ${formatBirthDate(p.birth_date)}, MRN ${p.mrn}`}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {formatPersonName(p)}
            {p.preferred_name ? <Text span className="option-secondary" size="sm">{` “${p.preferred_name}”`}</Text> : null}
          </Text>
          <Text size="xs" className="option-secondary">
            DOB {formatBirthDate(p.birth_date)} · MRN <span className="mono">{p.mrn}</span>
          </Text>
        </div>
        {p.status !== 'active' ? <StatusBadge status={p.status} /> : null}
      </Group>
    </Combobox.Option>
  );
}
