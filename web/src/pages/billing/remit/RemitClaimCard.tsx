// One claim of a remittance: the Praxis claim it matched (a link) or "Unmatched", what the
// payer did with it, its charge, paid and patient amounts, its adjustments and remarks, and
// each paid line with the claim line it matched and how well.
import { Link } from 'react-router-dom';
import { Anchor, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { formatDate, formatMoney } from '../../../lib/format';
import { CLAIM_MATCH, CLAIM_PAY_STATUS, LINE_MATCH } from '../../../lib/remit';
import type { RemitClaim, RemitLine } from '../../../lib/types';
import { StatusBadge } from '../../../components/StatusBadge';
import { moneyColumn } from '../../../components/billing/money';
import { AdjustmentChips, RemarkChips } from '../../../components/billing/remit';

function Figure({ label, cents }: { label: string; cents: number }) {
  return (
    <Stack gap={0} align="flex-end">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} className="num">
        {formatMoney(cents)}
      </Text>
    </Stack>
  );
}

function LineMatch({ line }: { line: RemitLine }) {
  const m = LINE_MATCH[line.match] ?? LINE_MATCH.none;
  return (
    <Stack gap={2} align="flex-start">
      <Tooltip label={m.help} withArrow>
        <span tabIndex={0}>
          <StatusBadge status={line.match} map={LINE_MATCH} />
          <span className="visually-hidden">: {m.help}</span>
        </span>
      </Tooltip>
      {line.claim_line ? (
        <Text size="xs" c="dimmed">
          Claim line {line.claim_line}
        </Text>
      ) : null}
    </Stack>
  );
}

export function RemitClaimCard({ claim, index }: { claim: RemitClaim; index: number }) {
  const name = claim.claim_id ? `Claim ${claim.claim_id}` : `Claim ${claim.claim_ref || index + 1}`;
  return (
    <Paper p="sm" component="article" aria-label={`Paid claim ${index + 1}: ${name}`} data-testid={`remit-claim-${index + 1}`}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="xs">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={3} size="h5">
              {claim.claim_id ? (
                <Anchor component={Link} to={`/billing/claims/${claim.claim_id}`} inherit>
                  {name}
                </Anchor>
              ) : (
                name
              )}
            </Title>
            <StatusBadge status={claim.match} map={CLAIM_MATCH} />
            <StatusBadge status={claim.status} map={CLAIM_PAY_STATUS} />
          </Group>
          <Text size="xs" c="dimmed">
            {claim.payer_claim_number ? `Payer claim number ${claim.payer_claim_number}` : 'No payer claim number'}
            {claim.claim_ref ? (
              <>
                {' · '}Claim id sent <span className="mono">{claim.claim_ref}</span>
              </>
            ) : null}
          </Text>
          {claim.match === 'none' ? (
            <Text size="sm" c="orange.9">
              No Praxis claim has this claim id or payer claim number: find the claim and post it by hand.
            </Text>
          ) : null}
        </Stack>
        <Group gap="lg" aria-label="Claim amounts">
          <Figure label="Charge" cents={claim.charge_cents} />
          <Figure label="Paid" cents={claim.paid_cents} />
          <Figure label="Patient responsibility" cents={claim.patient_cents} />
        </Group>
      </Group>
      {claim.adjustments.length || claim.remarks.length ? (
        <Group gap="xs" mb="xs">
          <Text size="xs" c="dimmed">
            Claim adjustments
          </Text>
          <AdjustmentChips adjustments={claim.adjustments} label={`${name} adjustments`} />
          <RemarkChips remarks={claim.remarks} label={`${name} remarks`} />
        </Group>
      ) : null}
      <DataTable<RemitLine & { no: number }>
        aria-label={`${name} lines`}
        withTableBorder
        borderRadius="sm"
        striped
        fz="sm"
        horizontalSpacing={8}
        records={claim.lines.map((l, i) => ({ ...l, no: i + 1 }))}
        idAccessor="no"
        noRecordsText="No service lines: paid at the claim level"
        minHeight={claim.lines.length ? undefined : 100}
        columns={[
          {
            accessor: 'code',
            title: 'Service',
            render: (l) => (
              <>
                <Text size="sm" className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {l.code}
                  {l.modifiers.length ? ` ${l.modifiers.join(' ')}` : ''}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(l.date)}
                  {l.original_code && l.original_code !== l.code ? (
                    <>
                      {' · billed '}
                      <span className="mono">{l.original_code}</span>
                    </>
                  ) : null}
                </Text>
              </>
            ),
          },
          { accessor: 'units', title: 'Units', textAlign: 'right', cellsClassName: 'num' },
          moneyColumn<RemitLine>('charge_cents', 'Charge', (l) => l.charge_cents),
          moneyColumn<RemitLine>('paid_cents', 'Paid', (l) => l.paid_cents),
          {
            accessor: 'adjustments',
            title: 'Adjustments · remarks',
            render: (l) => (
              <Stack gap={4}>
                <AdjustmentChips adjustments={l.adjustments} label={`Line ${l.no} adjustments`} />
                <RemarkChips remarks={l.remarks} label={`Line ${l.no} remarks`} />
              </Stack>
            ),
          },
          { accessor: 'match', title: 'Match', render: (l) => <LineMatch line={l} /> },
        ]}
      />
    </Paper>
  );
}
