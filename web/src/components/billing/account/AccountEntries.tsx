// A patient's account, entry by entry, oldest first: when, what (with its method, reference,
// reason or claim), how it moved what insurance owes, what the patient owes and the credit,
// and what the patient owed after it. Postings made by hand may be reversed by the billing
// office; a reversed entry and its reversal say so.
import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { usePayersAll } from '../../../lib/billing';
import { formatDate } from '../../../lib/format';
import { ENTRY_KINDS, PATIENT_PAYMENT_METHODS, REVERSIBLE } from '../../../lib/ledger';
import { PAYMENT_METHODS } from '../../../lib/remit';
import type { AccountEntry, PaymentMethod } from '../../../lib/types';
import { actionsColumn } from '../../CursorTable';
import { moneyColumn } from '../money';

const nonZero = (c: number) => (c === 0 ? null : c);

function What({ e, byId, payerName, claimLinks }: { e: AccountEntry; byId: Map<number, AccountEntry>; payerName: (id: number | null) => string | null; claimLinks: boolean }) {
  const original = e.reverses ? byId.get(e.reverses) : undefined;
  // Payers pay as their 835 says (CHK, ACH), patients as the desk recorded (card, cash).
  const method = e.method ? (PATIENT_PAYMENT_METHODS[e.method as PaymentMethod] ?? PAYMENT_METHODS[e.method] ?? e.method) : null;
  const payer = payerName(e.payer_id);
  const details = [
    e.kind === 'reversal' ? (original ? `Reverses the ${ENTRY_KINDS[original.kind].toLowerCase()} of ${formatDate(original.effective_date)}` : `Reverses entry ${e.reverses}`) : null,
    method,
    payer,
    e.reason,
  ].filter(Boolean);
  const claim = e.claim_id ? (
    claimLinks ? (
      <Anchor component={Link} to={`/billing/claims/${e.claim_id}`} size="xs" style={{ whiteSpace: 'nowrap' }}>
        Claim {e.claim_id}
      </Anchor>
    ) : (
      <span style={{ whiteSpace: 'nowrap' }}>Claim {e.claim_id}</span>
    )
  ) : null;
  const parts = [...details, e.reference ? <span className="mono">{e.reference}</span> : null, claim].filter(Boolean);
  return (
    <>
      <Text size="sm" fw={500}>
        {ENTRY_KINDS[e.kind] ?? e.kind}
      </Text>
      {parts.length ? (
        <Text size="xs" c="dimmed">
          {parts.map((p, i) => (
            <Fragment key={i}>
              {i ? ' · ' : ''}
              {p}
            </Fragment>
          ))}
        </Text>
      ) : null}
    </>
  );
}

export function AccountEntries({
  entries,
  canReverse,
  claimLinks,
  onReverse,
}: {
  entries: AccountEntry[];
  canReverse: boolean;
  /** Whether the user may open claims (billing.read). */
  claimLinks: boolean;
  onReverse: (e: AccountEntry) => void;
}) {
  const payers = usePayersAll();
  const names = new Map((payers.data ?? []).map((p) => [p.id, p.name]));
  const payerName = (id: number | null) => (id ? (names.get(id) ?? null) : null);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal' && e.reverses).map((e) => e.reverses!));
  return (
    <DataTable<AccountEntry>
      aria-label="Account entries"
      withTableBorder
      borderRadius="sm"
      striped
      horizontalSpacing={6}
      minHeight={entries.length ? undefined : 140}
      records={entries}
      idAccessor="id"
      noRecordsText="Nothing posted yet: charges appear here once a visit is billed"
      columns={[
        { accessor: 'effective_date', title: 'Date', noWrap: true, render: (e) => formatDate(e.effective_date) },
        {
          accessor: 'kind',
          title: 'What',
          render: (e) => (
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <div>
                <What e={e} byId={byId} payerName={payerName} claimLinks={claimLinks} />
              </div>
              {reversed.has(e.id) ? (
                <Badge color="gray" variant="outline" className="status-badge">
                  Reversed
                </Badge>
              ) : null}
            </Group>
          ),
        },
        moneyColumn<AccountEntry>('insurance_cents', 'Insurance', (e) => nonZero(e.insurance_cents)),
        moneyColumn<AccountEntry>('patient_cents', 'Patient', (e) => nonZero(e.patient_cents)),
        moneyColumn<AccountEntry>('credit_cents', 'Credit', (e) => nonZero(e.credit_cents)),
        { ...moneyColumn<AccountEntry>('balance', 'Balance', (e) => e.balance.patient_cents), cellsStyle: () => ({ fontWeight: 600 }) },
        ...(canReverse
          ? [
              actionsColumn<AccountEntry>((e) =>
                REVERSIBLE.has(e.kind) && !reversed.has(e.id) ? (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => onReverse(e)} aria-label={`Reverse the ${ENTRY_KINDS[e.kind].toLowerCase()} of ${formatDate(e.effective_date)}`}>
                    Reverse
                  </Button>
                ) : null,
              ),
            ]
          : []),
      ]}
    />
  );
}
