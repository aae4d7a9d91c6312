// The family account on a member's Account tab: who holds it, what each member's visits still
// owe (insurance and patient), the account's credit and what is due, and what that means at
// the desk: a payment taken here pays the family's oldest balances, statements go to the holder.
import { Link } from 'react-router-dom';
import { Anchor, Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { holderOf, type FamilyAccount, type FamilyMember } from '../../../lib/family';
import { CURRENCY, formatMoney } from '../../../lib/format';

const SYMBOL = CURRENCY === 'USD' ? '$' : CURRENCY;
const money = (cents: number) => formatMoney(cents, { symbol: false });

function MemberName({ m, current }: { m: FamilyMember; current: boolean }) {
  return (
    <Group gap={6} wrap="wrap">
      {current ? (
        <Text size="sm" fw={600}>
          {m.name}
        </Text>
      ) : (
        <Anchor component={Link} to={`/patients/${m.patient_id}?tab=account`} size="sm" fw={500}>
          {m.name}
        </Anchor>
      )}
      {m.holder ? (
        <Badge size="sm" variant="light" color="praxis">
          Holder
        </Badge>
      ) : null}
      {current ? (
        <Text span size="xs" c="dimmed">
          (this patient)
        </Text>
      ) : null}
    </Group>
  );
}

/** "Family, Mom" as a link to their account, or "this patient" on their own page. */
export function HolderName({ family, patientId }: { family: FamilyAccount; patientId: number }) {
  const holder = holderOf(family);
  if (!holder) return <>the guarantor</>;
  if (holder.patient_id === patientId) return <b>{holder.name} (this patient)</b>;
  return (
    <Anchor component={Link} to={`/patients/${holder.patient_id}?tab=account`} fw={600} inherit>
      {holder.name}
    </Anchor>
  );
}

export function FamilyAccountSection({ family, patientId }: { family: FamilyAccount; patientId: number }) {
  const b = family.balances;
  const holder = holderOf(family);
  return (
    <Paper p="md" component="section" aria-labelledby="family-account-title" data-testid="family-account">
      <Group gap="xs" mb={4}>
        <IconUsers size={18} aria-hidden />
        <Title order={3} size="h5" id="family-account-title">
          Family account
        </Title>
      </Group>
      <Text size="sm" mb="sm">
        Held by <HolderName family={family} patientId={patientId} />. Payments taken here apply to the family's oldest balances, whoever's visit
        they are, and anything more is kept as the family's credit; statements go to {holder ? holder.name : 'the holder'}.
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label="Family account members" verticalSpacing={6} withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient</Table.Th>
              <Table.Th>MRN</Table.Th>
              <Table.Th ta="right">Insurance owes ({SYMBOL})</Table.Th>
              <Table.Th ta="right">Patient owes ({SYMBOL})</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {family.members.map((m) => (
              <Table.Tr key={m.patient_id} data-testid={`family-member-${m.patient_id}`}>
                <Table.Td>
                  <MemberName m={m} current={m.patient_id === patientId} />
                </Table.Td>
                <Table.Td className="mono">{m.mrn}</Table.Td>
                <Table.Td ta="right" className="num">
                  {money(m.balances.insurance_cents)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {money(m.balances.patient_cents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr data-testid="family-total" fw={700}>
              <Table.Th colSpan={2}>Family total</Table.Th>
              <Table.Td ta="right" className="num" fw={700}>
                {money(b.insurance_cents)}
              </Table.Td>
              <Table.Td ta="right" className="num" fw={700}>
                {money(b.patient_cents)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr data-testid="family-credit">
              <Table.Th colSpan={3}>Family credit (applied to new balances, or refunded)</Table.Th>
              <Table.Td ta="right" className="num" c={b.credit_cents > 0 ? 'teal.8' : undefined}>
                {b.credit_cents > 0 ? `−${money(b.credit_cents)}` : money(0)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr data-testid="family-due">
              <Table.Th colSpan={3}>Due from the family now</Table.Th>
              <Table.Td ta="right" className="num" fw={700} c={b.due_cents > 0 ? 'red.8' : undefined}>
                {money(b.due_cents)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
