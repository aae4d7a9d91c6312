// Electronic eligibility on a patient's insurance: per coverage the request (a 270 file) to
// send to the clearinghouse and what the last check said (copay, coinsurance, deductible and
// how much is met, and the benefits the payer listed), folded away until asked for; and the
// payer's answer (a 271 file) dropped or chosen here, which updates the coverages it answers
// with a notification of what it said.
import { useState } from 'react';
import { Accordion, Box, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../lib/api';
import { PRIORITIES } from '../../lib/billing';
import { formatDateTime, formatMoney, formatPercent } from '../../lib/format';
import { MAX_X12_BYTES } from '../../lib/remit';
import { ELIGIBILITY_STATUS } from '../../lib/status';
import type { Coverage, EligibilityBenefit, EligibilityImport } from '../../lib/types';
import { DownloadButton } from '../DownloadButton';
import { StatusBadge } from '../StatusBadge';
import { X12DropZone } from './X12Drop';

/** EB03: the service types payers answer for most often; others show as their code. */
const SERVICE_TYPES: Record<string, string> = {
  '1': 'Medical care',
  '30': 'Health benefit plan coverage',
  '33': 'Chiropractic',
  '35': 'Dental',
  '47': 'Hospital',
  '48': 'Hospital inpatient',
  '50': 'Hospital outpatient',
  '86': 'Emergency services',
  '88': 'Pharmacy',
  '98': 'Professional (physician) office visit',
  AL: 'Vision',
  MH: 'Mental health',
  UC: 'Urgent care',
};

/** EB02: whom the benefit is for. */
const LEVELS: Record<string, string> = {
  IND: 'Individual',
  FAM: 'Family',
  EMP: 'Employee only',
  ESP: 'Employee and spouse',
  ECH: 'Employee and children',
  SPO: 'Spouse only',
  SPC: 'Spouse and children',
  CHD: 'Children only',
  DEP: 'Dependents only',
};

/** EB12. */
const NETWORK: Record<string, string> = { Y: 'In network', N: 'Out of network', W: 'Both' };

/** EB06: what an amount is per. */
const PERIODS: Record<string, string> = {
  '6': 'Hour',
  '7': 'Day',
  '21': 'Years',
  '22': 'Service year',
  '23': 'Calendar year',
  '24': 'Year to date',
  '25': 'Contract',
  '26': 'Episode',
  '27': 'Visit',
  '29': 'Remaining',
  '32': 'Lifetime',
  '33': 'Lifetime remaining',
  '34': 'Month',
  '35': 'Week',
  '36': 'Admission',
};

/** AAA03: why a payer could not answer, as what to check. */
const AAA_REASONS: Record<string, string> = {
  '42': 'The payer’s system is down: try again later.',
  '43': 'The practice’s NPI is not known to the payer: ask billing.',
  '58': 'Check the birth date.',
  '71': 'The birth date does not match the payer’s: check it.',
  '72': 'Check the member ID on the card.',
  '73': 'Check the subscriber’s name as on the card.',
  '75': 'The payer found no such subscriber: check the card.',
  '76': 'The member ID is duplicated at the payer: call them.',
  '78': 'The subscriber is not in that group or plan: check the group number.',
};

const named = (codes: string[]) => codes.map((c) => SERVICE_TYPES[c] ?? c).join(', ');
const percent = (bp: number | null | undefined) => (bp === null || bp === undefined ? '—' : formatPercent(bp / 10000));
const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents));

/** When the last check was, and whether the payer could say (a 271 with AAA leaves "unknown"). */
function checked(c: Coverage): string {
  if (!c.eligibility_checked_at) return 'not checked yet';
  return `checked ${formatDateTime(c.eligibility_checked_at)}${c.eligibility === 'unknown' ? ': the payer could not say' : ''}`;
}

/** What the first bytes name as the file's transaction set ("271"), if it is X12. */
async function transactionSet(file: File): Promise<string | null> {
  const head = await file.slice(0, 4096).text();
  if (!head.startsWith('ISA') || head.length < 110) return null;
  const sep = head[3].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^A-Za-z0-9])ST${sep}(\\w+)`).exec(head.slice(106))?.[1] ?? 'no transaction set';
}

/** Reads 271 files one after another and says what each did; the coverages refresh after. */
function useRead271(coverages: Coverage[]) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const whose = (id: number | null) => {
    const c = coverages.find((x) => x.id === id);
    return c ? `${c.payer_name} insurance` : `Insurance ${id}`;
  };
  const say = (file: File, a: EligibilityImport) => {
    if (a.duplicate) return notifications.show({ color: 'gray', title: 'Already read', message: `${file.name} was read before; nothing changed now.` });
    if (!a.coverages.length) return notifications.show({ color: 'orange', title: file.name, message: 'The file answers no insurance.' });
    for (const c of a.coverages) {
      if (c.outcome === 'unknown coverage')
        notifications.show({ color: 'orange', title: file.name, message: 'The answer names no insurance of this practice: was it asked from another system?' });
      else if (c.outcome === 'the payer could not answer')
        notifications.show({ color: 'red', title: whose(c.coverage_id), message: `The payer could not answer (AAA ${c.error_code ?? '?'}). ${AAA_REASONS[c.error_code ?? ''] ?? ''}`.trim() });
      else notifications.show({ color: c.eligibility === 'active' ? 'teal' : 'orange', title: whose(c.coverage_id), message: `Eligibility updated: ${c.eligibility}` });
    }
  };
  const read = async (file: File) => {
    const set = file.size > MAX_X12_BYTES ? 'too large' : await transactionSet(file);
    if (set && set !== '271') {
      const why = set === 'too large' ? 'it is larger than 64 MiB' : `it holds ${set}`;
      throw new Error(`This is not a payer’s eligibility answer (271): ${why}. Remittances and acknowledgments are read on the billing pages.`);
    }
    say(file, await api.upload<EligibilityImport>('/x12-files', file, { name: file.name }));
  };
  const send = async (files: File[]) => {
    setBusy(true);
    for (const file of files) {
      try {
        await read(file);
      } catch (e) {
        notifications.show({ color: 'red', title: `${file.name}: not read`, message: errorMessage(e) });
      }
    }
    setBusy(false);
    void queryClient.invalidateQueries({ queryKey: ['coverages'] });
  };
  return { send, busy };
}

/** The strip taking the payer's 271 (a drop, or its "Choose a file" button). */
export function Read271({ coverages }: { coverages: Coverage[] }) {
  const { send, busy } = useRead271(coverages);
  return (
    <X12DropZone
      compact
      title="Read the payer’s eligibility answer (271)"
      hint="Drop the 271 file here: the insurance it answers is updated"
      uploads={{ uploads: [], dismiss: () => {}, send, busy }}
    />
  );
}

function Benefits({ coverage }: { coverage: Coverage }) {
  return (
    <Table withTableBorder striped fz="sm" aria-label={`Benefits: ${coverage.payer_name}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Benefit</Table.Th>
          <Table.Th>Service types</Table.Th>
          <Table.Th>Level</Table.Th>
          <Table.Th>Network</Table.Th>
          <Table.Th>Period</Table.Th>
          <Table.Th className="num">Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {coverage.eligibility_benefits.map((b: EligibilityBenefit, i) => (
          <Table.Tr key={i}>
            <Table.Td>{b.kind ? upper(b.kind) : b.code}</Table.Td>
            <Table.Td>{named(b.service_types)}</Table.Td>
            <Table.Td>{b.coverage_level ? (LEVELS[b.coverage_level] ?? b.coverage_level) : ''}</Table.Td>
            <Table.Td>{b.in_network ? (NETWORK[b.in_network] ?? b.in_network) : ''}</Table.Td>
            <Table.Td>{b.period ? (PERIODS[b.period] ?? b.period) : ''}</Table.Td>
            <Table.Td className="num" style={{ whiteSpace: 'nowrap' }}>
              {[formatMoney(b.amount_cents), b.percent_bp === undefined ? '' : percent(b.percent_bp)].filter(Boolean).join(' · ')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Per coverage, its eligibility request (270), and a folded section with what the last check said. */
export function EligibilityChecks({ coverages }: { coverages: Coverage[] }) {
  return (
    <Accordion multiple variant="separated" chevronPosition="left">
      {coverages.map((c) => (
        <Accordion.Item key={c.id} value={String(c.id)}>
          <Group wrap="nowrap" gap={0} pr="sm">
            <Accordion.Control>
              <Group gap="xs" wrap="wrap">
                <Text size="sm" fw={500}>
                  {c.payer_name} ({PRIORITIES[c.priority] ?? c.priority})
                </Text>
                <StatusBadge status={c.eligibility} map={ELIGIBILITY_STATUS} />
                <Text size="xs" c="dimmed">
                  {checked(c)}
                </Text>
              </Group>
            </Accordion.Control>
            <Box style={{ flexShrink: 0 }}>
              <DownloadButton
                path={`/coverages/${c.id}/270`}
                size="compact-sm"
                aria-label={`Eligibility request (270) for ${c.payer_name} insurance`}
                done={(f) => `${f} downloaded: send it to the clearinghouse, then read the payer’s 271 answer here. The export is recorded in the audit trail.`}
              >
                Eligibility request (270)
              </DownloadButton>
            </Box>
          </Group>
          <Accordion.Panel>
            <Stack gap="sm">
              <dl className="dl" aria-label={`Last eligibility check: ${c.payer_name}`} style={{ maxWidth: 420 }}>
                <dt>Copay</dt>
                <dd className="mono">{money(c.copay_cents)}</dd>
                <dt>Coinsurance</dt>
                <dd className="mono">{percent(c.coinsurance_bp)}</dd>
                <dt>Deductible</dt>
                <dd className="mono">{money(c.deductible_cents)}</dd>
                <dt>Deductible met</dt>
                <dd className="mono">{money(c.deductible_met_cents)}</dd>
              </dl>
              {c.eligibility_benefits.length ? (
                <Benefits coverage={c} />
              ) : (
                <Text size="sm" c="dimmed">
                  No payer’s answer read yet: download the eligibility request (270), send it to the clearinghouse, and read the 271 that comes back here.
                </Text>
              )}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
