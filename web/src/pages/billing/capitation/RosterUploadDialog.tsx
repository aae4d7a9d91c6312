// Uploading the payer's roster of a month: the CSV file is read in the browser and shown before
// anything is sent (how many members, the rates it gives, the rows it could not read); sending
// replaces the month's roster. Then what the server kept: members matched to patients and the
// rows it refused, by line of the file.
import { useState } from 'react';
import { Alert, Button, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { capitationCalls, useCapitationChanged, type CapitationContract, type Reconciliation, type RosterResult } from '../../../lib/capitation';
import { formatCount, formatMoney, formatMonth } from '../../../lib/format';
import { ActionDialog, useDialogAction } from '../../../components/Dialogs';
import { MemberFileInput, MemberFileSummary, type ReadFile } from './MemberFileInput';
import type { MemberRow } from './memberFile';

/** The server's words for a refused row, as the biller reads them. */
export function rejectedWhy(message: string): string {
  if (/listed twice/.test(message)) return 'Listed twice: the first is kept';
  if (/^member_id must/.test(message)) return 'The member ID may hold only letters, digits, - and _ (at most 80)';
  if (/^rate_cents must/.test(message)) return `The rate must be from ${formatMoney(0)} to ${formatMoney(10000000)}`;
  return message.replace(/^member_id/, 'Member ID').replace(/^rate_cents/, 'Rate');
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

function Preview({ read, contract, month, current }: { read: ReadFile; contract: CapitationContract; month: string; current: Reconciliation | undefined }) {
  const rows = read.file.rows;
  const withRate = rows.filter((r) => r.cents !== null).length;
  return (
    <MemberFileSummary read={read} more={<FirstRows rows={rows} pmpm={contract.pmpm_cents} />}>
      <b>{plural(rows.length, 'member', 'members')}</b> read from {read.name} (member IDs from “{read.file.memberColumn}”
      {read.file.amountColumn ? `, rates in dollars from “${read.file.amountColumn}”` : ', no rate column'}).{' '}
      {withRate < rows.length
        ? `${plural(rows.length - withRate, 'member has', 'members have')} no rate: the contract’s ${formatMoney(contract.pmpm_cents)} applies. `
        : ''}
      {current?.members
        ? `This replaces the ${plural(current.members, 'member', 'members')} now on the roster of ${formatMonth(month)}.`
        : `There is no roster for ${formatMonth(month)} yet.`}
    </MemberFileSummary>
  );
}

/** The first rows as read, to see at a glance that the right columns were taken. */
function FirstRows({ rows, pmpm }: { rows: MemberRow[]; pmpm: number }) {
  if (!rows.length) return null;
  const shown = rows.slice(0, 5);
  return (
    <Table fz="sm" withTableBorder verticalSpacing={4} mt="xs" aria-label="First rows as read">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={60}>Line</Table.Th>
          <Table.Th>Member ID</Table.Th>
          <Table.Th className="num">Rate ($)</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.map((r) => (
          <Table.Tr key={r.line}>
            <Table.Td className="num">{r.line}</Table.Td>
            <Table.Td className="mono">{r.member_id}</Table.Td>
            <Table.Td className="num">
              {r.cents === null ? (
                <Text span size="sm" c="dimmed">
                  {formatMoney(pmpm, { symbol: false })} (contract)
                </Text>
              ) : (
                formatMoney(r.cents, { symbol: false })
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {rows.length > shown.length ? (
        <Table.Caption>and {formatCount(rows.length - shown.length)} more</Table.Caption>
      ) : null}
    </Table>
  );
}

function Result({ result, sent }: { result: RosterResult; sent: MemberRow[] }) {
  const at = (field: string) => sent[Number(/\[(\d+)\]/.exec(field)?.[1] ?? -1)];
  const n = result.rejected.length;
  return (
    <Stack gap="sm" data-testid="roster-result">
      <Alert color="teal" icon={<IconCircleCheck />} title={`Roster of ${formatMonth(result.month)} saved`}>
        <span data-testid="roster-kept">
          {plural(result.members, 'member', 'members')}: {plural(result.matched, 'matched to a patient', 'matched to patients')},{' '}
          {formatCount(result.unmatched)} not matched.
        </span>{' '}
        Expected: {formatMoney(result.expected_cents)}.
      </Alert>
      {n ? (
        <Alert color="red" icon={<IconAlertTriangle />} title={`${plural(n, 'row was', 'rows were')} not kept`} data-testid="roster-rejected">
          <Table fz="sm" withRowBorders={false} verticalSpacing={2} aria-label="Rows not kept">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Line</Table.Th>
                <Table.Th>Member ID</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.rejected.map((x) => (
                <Table.Tr key={x.field}>
                  <Table.Td className="num">{at(x.field)?.line ?? ''}</Table.Td>
                  <Table.Td className="mono">{at(x.field)?.member_id ?? x.field}</Table.Td>
                  <Table.Td>{rejectedWhy(x.message)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" mt={4}>
            Correct them in the file and upload it again, or ask the payer.
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}

export function RosterUploadDialog({
  contract,
  month,
  current,
  onClose,
}: {
  contract: CapitationContract;
  month: string;
  current: Reconciliation | undefined;
  onClose: () => void;
}) {
  const [read, setRead] = useState<ReadFile | null>(null);
  const [done, setDone] = useState<{ result: RosterResult; sent: MemberRow[] } | null>(null);
  const { busy, error, run } = useDialogAction();
  const changed = useCapitationChanged();
  const send = () =>
    run(async () => {
      const sent = read!.file.rows;
      const result = await capitationCalls.putRoster(
        contract.id,
        month,
        sent.map((r) => (r.cents === null ? { member_id: r.member_id } : { member_id: r.member_id, rate_cents: r.cents })),
      );
      changed(result);
      setDone({ result, sent });
      notifications.show({
        color: result.rejected.length ? 'yellow' : 'teal',
        message: `Roster of ${formatMonth(month)}: ${plural(result.members, 'member', 'members')} kept${
          result.rejected.length ? `, ${plural(result.rejected.length, 'row', 'rows')} not kept` : ''
        }.`,
      });
    });
  const count = read?.file.rows.length ?? 0;
  return (
    <ActionDialog
      title={`Upload the roster of ${formatMonth(month)}`}
      size="lg"
      error={error}
      onClose={onClose}
      cancelLabel={done ? 'Close' : 'Cancel'}
      action={
        done ? null : (
          <Button onClick={() => void send()} loading={busy} disabled={!count}>
            {count ? `Replace the roster with ${plural(count, 'member', 'members')}` : 'Replace the roster'}
          </Button>
        )
      }
    >
      {done ? (
        <Result result={done.result} sent={done.sent} />
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            The payer’s list of the members it pays for in {formatMonth(month)}, saved as CSV: a first line naming the columns, one of them the member ID
            and, if the rates differ, one with each member’s rate in dollars. Members are matched to patients by the member ID on their
            coverage with the payer.
          </Text>
          <MemberFileInput
            kind="roster"
            label="Roster file"
            description="CSV with a header row: Member ID and, optionally, Rate or PMPM"
            required
            onRead={setRead}
          />
          {read ? <Preview read={read} contract={contract} month={month} current={current} /> : null}
        </Stack>
      )}
    </ActionDialog>
  );
}
