// One claim line on a paper EOB: its code and charge, what the payer paid, the adjustments
// (group, CARC, amount: added, removed, or the rest filled as CO-45, PR-1, PR-2, PR-3 in one
// press) and the remarks (RARCs); whether it balances (paid + adjustments = charge) as the
// biller types, and what the server said about the line.
import { ActionIcon, Badge, Button, Group, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconPlus, IconX } from '@tabler/icons-react';
import { formatMoney } from '../../../lib/format';
import { EOB_GROUPS } from '../../../lib/reports';
import { ADJUSTMENT_GROUPS, COMMON_CARCS } from '../../../lib/remit';
import type { ClaimLine } from '../../../lib/types';
import { MoneyInput } from '../../../components/MoneyInput';
import { lineBalance, newAdjustment, REST_AS, withRest, type EobValues, type LineBalance } from './eob';

const MAX_ADJUSTMENTS = 20;

/** Whether the line balances, in words and colour. */
function BalanceMark({ b, n }: { b: LineBalance; n: number }) {
  const ok = !b.problem;
  return (
    <Stack gap={2} align="flex-end" data-testid={`eob-balance-${n}`} aria-live="polite">
      <Badge
        color={ok ? 'teal' : 'red.8'}
        variant={ok ? 'light' : 'filled'}
        leftSection={ok ? <IconCheck size={12} /> : <IconAlertTriangle size={12} />}
        className="status-badge"
        tt="none"
      >
        {ok ? 'Balances' : 'Does not balance'}
      </Badge>
      <Text size="xs" c={ok ? 'dimmed' : 'red.8'} ta="right">
        {ok ? `Paid ${formatMoney(b.paid)} + adjusted ${formatMoney(b.adjusted)}` : b.problem}
      </Text>
    </Stack>
  );
}

export function EobLine({ form, index, line }: { form: UseFormReturnType<EobValues>; index: number; line: ClaimLine }) {
  const n = index + 1;
  const path = `lines.${index}`;
  const values = form.values.lines[index];
  const b = lineBalance(values);
  const setAdjustments = (adjustments: typeof values.adjustments) => {
    form.setFieldValue(`${path}.adjustments`, adjustments);
    form.clearFieldError(path);
  };
  const serverError = form.errors[path];
  return (
    <Paper withBorder p="sm" role="group" aria-label={`Line ${n}: ${line.code}`} data-testid={`eob-line-${n}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <Text fw={700} size="sm">
            Line {n}
          </Text>
          <Text className="mono" size="sm">
            {line.code}
            {line.modifiers.length ? ` ${line.modifiers.join(' ')}` : ''}
          </Text>
          {line.units > 1 ? (
            <Text size="sm" c="dimmed">
              × {line.units}
            </Text>
          ) : null}
          <Text size="sm">
            Charge <b className="num">{formatMoney(line.charge_cents)}</b>
          </Text>
        </Group>
        <BalanceMark b={b} n={n} />
      </Group>
      <Group gap="sm" align="flex-start" mt="xs" wrap="wrap">
        <MoneyInput label="Paid" aria-label={`Line ${n} paid`} placeholder="0.00" w={130} {...form.getInputProps(`${path}.paid`)} />
        <TextInput
          label="Remarks (RARC)"
          aria-label={`Line ${n} remarks (RARC)`}
          placeholder="e.g. N115"
          w={170}
          maxLength={70}
          classNames={{ input: 'mono' }}
          {...form.getInputProps(`${path}.remarks`)}
          onChange={(e) => form.setFieldValue(`${path}.remarks`, e.currentTarget.value.toUpperCase())}
        />
      </Group>
      <Stack gap={6} mt="xs" role="list" aria-label={`Line ${n} adjustments`}>
        {values.adjustments.map((a, k) => {
          const ap = `${path}.adjustments.${k}`;
          const words = [ADJUSTMENT_GROUPS[a.group]?.split(' (')[0], COMMON_CARCS[a.reason.trim()]].filter(Boolean).join(' · ');
          return (
            <Group key={a.key} gap="xs" align="flex-start" wrap="nowrap" role="listitem">
              <NativeSelect
                label={k === 0 ? 'Group' : undefined}
                aria-label={`Line ${n} adjustment ${k + 1} group`}
                w={76}
                data={[...EOB_GROUPS]}
                {...form.getInputProps(`${ap}.group`)}
              />
              <TextInput
                label={k === 0 ? 'Reason (CARC)' : undefined}
                aria-label={`Line ${n} adjustment ${k + 1} reason (CARC)`}
                placeholder="45"
                w={130}
                maxLength={5}
                classNames={{ input: 'mono' }}
                {...form.getInputProps(`${ap}.reason`)}
                onChange={(e) => form.setFieldValue(`${ap}.reason`, e.currentTarget.value.toUpperCase())}
              />
              <MoneyInput label={k === 0 ? 'Amount' : undefined} aria-label={`Line ${n} adjustment ${k + 1} amount`} w={120} {...form.getInputProps(`${ap}.amount`)} />
              <Text size="xs" c="dimmed" mt={k === 0 ? 30 : 8} style={{ flex: 1, minWidth: 0 }} lineClamp={2}>
                {words}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={k === 0 ? 28 : 4}
                aria-label={`Remove line ${n} adjustment ${k + 1}`}
                onClick={() => setAdjustments(values.adjustments.filter((_, j) => j !== k))}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          );
        })}
      </Stack>
      <Group gap="xs" mt={6} wrap="wrap">
        {values.adjustments.length < MAX_ADJUSTMENTS ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            aria-label={`Line ${n}: add adjustment`}
            onClick={() => setAdjustments([...values.adjustments, newAdjustment('CO', '', b.rest > 0 ? b.rest : null)])}
          >
            Add adjustment
          </Button>
        ) : null}
        {b.rest > 0
          ? REST_AS.map((r) => (
              <Button
                key={`${r.group}-${r.reason}`}
                variant="light"
                size="compact-sm"
                title={`${formatMoney(b.rest)} as ${r.group}-${r.reason}: ${r.meaning}`}
                aria-label={`Line ${n}: rest is ${r.group}-${r.reason} (${r.meaning})`}
                onClick={() => setAdjustments(withRest(values, r.group, r.reason))}
              >
                Rest is {r.group}-{r.reason}
              </Button>
            ))
          : null}
      </Group>
      {serverError ? (
        <Text size="sm" c="red.8" role="alert" mt={6} data-testid={`eob-line-error-${n}`}>
          {serverError}
        </Text>
      ) : null}
    </Paper>
  );
}
