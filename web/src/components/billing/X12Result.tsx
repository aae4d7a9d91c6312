// What one dropped file did: for an 835 the remittances it holds (payer, amount, claims,
// unmatched, and a warning that cannot be missed when a payment does not balance), what was
// posted from them and any envelope errors; for a 999 or 277CA each claim it answered and
// what became of it; "already imported" for a file read before; why a file was refused
// (naming the line).
import { Link } from 'react-router-dom';
import { Alert, Anchor, Badge, CloseButton, Group, List, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconCopy } from '@tabler/icons-react';
import { errorMessage } from '../../lib/api';
import { formatMoney } from '../../lib/format';
import { ACK_OUTCOME, ackLabel, isRemitImport, type X12Upload } from '../../lib/remit';
import type { AckImport, RemitImport } from '../../lib/types';
import { StatusBadge } from '../StatusBadge';
import { PostingSummary } from './PostingSummary';
import { BalancedBadge, UnmatchedCount } from './remit';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Remittances({ answer }: { answer: RemitImport }) {
  const off = answer.remittances.filter((r) => !r.balanced);
  return (
    <Stack gap="xs">
      {off.length ? (
        <Alert color="red" variant="filled" icon={<IconAlertTriangle />} title={`NOT balanced: ${plural(off.length, 'payment')}`} role="alert">
          The payment does not equal the claims paid less the provider adjustments. Open the remittance and check it against the deposit before posting.
        </Alert>
      ) : null}
      <Table withTableBorder striped fz="sm" aria-label="Remittances in the file">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Payer</Table.Th>
            <Table.Th className="num">Amount ($)</Table.Th>
            <Table.Th className="num">Claims</Table.Th>
            <Table.Th className="num">Unmatched</Table.Th>
            <Table.Th>Balance</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {answer.remittances.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/billing/remittances/${r.id}`} size="sm">
                  {r.payer_name || 'Payer not named'}
                </Anchor>
                <Text span size="xs" c="dimmed">
                  {' '}
                  · remittance {r.id}
                </Text>
              </Table.Td>
              <Table.Td className="num">{formatMoney(r.amount_cents, { symbol: false })}</Table.Td>
              <Table.Td className="num">{r.claims}</Table.Td>
              <Table.Td className="num">
                <UnmatchedCount count={r.unmatched} />
              </Table.Td>
              <Table.Td>
                <BalancedBadge balanced={r.balanced} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <PostingSummary answer={answer} />
      {answer.envelope_errors.length ? (
        <Alert color="orange" title={`${plural(answer.envelope_errors.length, 'envelope error')}: the file was read, but its envelope is not as X12 says`}>
          <List size="sm" aria-label="Envelope errors">
            {answer.envelope_errors.map((e, i) => (
              <List.Item key={i}>
                Line {e.line}, {e.segment}
                {e.element ? `${String(e.element).padStart(2, '0')}` : ''}: {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}

function AckClaims({ answer }: { answer: AckImport }) {
  if (!answer.claims.length)
    return <Text size="sm">No claim changed: the file accepts what it answers, or names no claim Praxis sent.</Text>;
  return (
    <List size="sm" spacing={4} listStyleType="none" aria-label="Claims answered">
      {answer.claims.map((c) => (
        <List.Item key={c.claim_id}>
          <Group gap="xs">
            <Anchor component={Link} to={`/billing/claims/${c.claim_id}`} size="sm">
              Claim {c.claim_id}
            </Anchor>
            <StatusBadge status={c.outcome} map={ACK_OUTCOME} />
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

function heading(upload: X12Upload): string {
  const a = upload.answer!;
  if (isRemitImport(a)) return `835 remittance advice: ${plural(a.remittances.length, 'payment')}`;
  return `${ackLabel(a)}: ${plural(a.claims.length, 'claim')} answered`;
}

export function X12Result({ upload, onClose }: { upload: X12Upload; onClose: () => void }) {
  const close = <CloseButton size="sm" onClick={onClose} aria-label={`Dismiss ${upload.name}`} />;
  const name = (
    <Text span fw={600} size="sm" className="mono">
      {upload.name}
    </Text>
  );
  if (upload.busy)
    return (
      <Paper p="sm" role="listitem">
        <Group gap="xs">
          <Loader size="xs" aria-hidden />
          <Text size="sm">Reading {name}…</Text>
        </Group>
      </Paper>
    );
  if (!upload.answer)
    return (
      <Alert role="listitem" color="red" title={<>{name}: not imported</>} withCloseButton onClose={onClose} closeButtonLabel={`Dismiss ${upload.name}`}>
        {errorMessage(upload.error)}
      </Alert>
    );
  const a = upload.answer;
  return (
    <Paper p="sm" role="listitem" aria-label={upload.name} data-testid="x12-result">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Group gap="xs">
          {name}
          <Text size="sm">{heading(upload)}</Text>
          {a.duplicate ? (
            <Badge color="gray" variant="filled" leftSection={<IconCopy size={12} aria-hidden />} className="status-badge">
              Already imported
            </Badge>
          ) : null}
        </Group>
        {close}
      </Group>
      {a.duplicate ? (
        <Text size="sm" c="dimmed" mb="xs">
          This file was read before; nothing changed now. What it did then:
        </Text>
      ) : null}
      {isRemitImport(a) ? <Remittances answer={a} /> : <AckClaims answer={a} />}
    </Paper>
  );
}
