// The insurance that pays for a visit: the patient's coverages in force on the date of
// service, in payer order; or that the patient will be billed.
import { Group, Text } from '@mantine/core';
import { PRIORITIES, usePatientCoverages } from '../../lib/billing';
import { ELIGIBILITY_STATUS } from '../../lib/status';
import type { Coverage } from '../../lib/types';
import { StatusBadge } from '../StatusBadge';

export function inForce(coverages: Coverage[], date: string): Coverage[] {
  return coverages
    .filter((c) => c.active && c.payer_kind !== 'self_pay' && c.effective_from <= date && (!c.effective_to || c.effective_to >= date))
    .sort((a, b) => a.priority - b.priority);
}

/** The primary payer's id on the date, for expected amounts. */
export function usePrimaryPayer(patientId: number | null | undefined, date: string | null): number | null {
  const q = usePatientCoverages(patientId);
  return date ? (inForce(q.data ?? [], date)[0]?.payer_id ?? null) : null;
}

export function CoverageSummary({ patientId, date }: { patientId: number; date: string }) {
  const q = usePatientCoverages(patientId);
  if (!q.data) return null;
  const list = inForce(q.data, date);
  if (!list.length)
    return (
      <Text size="sm" c="orange.9">
        No insurance in force on this date: the patient will be billed.
      </Text>
    );
  return (
    <Group gap="md">
      {list.map((c) => (
        <Group gap={6} key={c.id} wrap="nowrap">
          <Text size="sm">
            <Text span fw={600} size="sm">
              {c.payer_name}
            </Text>{' '}
            <Text span c="dimmed" size="sm">
              {PRIORITIES[c.priority]?.toLowerCase()} · member <span className="mono">{c.member_id}</span>
            </Text>
          </Text>
          <StatusBadge status={c.eligibility} map={ELIGIBILITY_STATUS} />
        </Group>
      ))}
    </Group>
  );
}
