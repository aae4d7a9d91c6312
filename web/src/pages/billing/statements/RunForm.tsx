// The statement run's form: the smallest balance worth a statement and the statement date,
// what running does in one sentence, and a warning when this session ran statements already
// (each run is the next notice for everyone billed again). Field errors land on their fields.
import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError, errorMessage } from '../../../lib/api';
import { inputToCents } from '../../../lib/billing';
import { DATE_INPUT_PROPS, formatDateTime, todayIso } from '../../../lib/format';
import { serverMessage } from '../../../lib/forms';
import { statementCalls, type SessionRun } from '../../../lib/statements';
import type { StatementRun } from '../../../lib/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { MoneyInput } from '../../../components/MoneyInput';

interface Values {
  minimum: number | string;
  asOf: string | null;
}

const FIELDS: Record<string, keyof Values> = { min_balance_cents: 'minimum', as_of: 'asOf' };
const LABELS: Record<string, string> = { min_balance_cents: 'The minimum balance', as_of: 'The statement date' };

export function RunForm({ last, onRun }: { last: SessionRun | undefined; onRun: (run: StatementRun) => void }) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { minimum: 5, asOf: todayIso() },
    validateInputOnBlur: true,
    validate: {
      minimum: (v) => ((inputToCents(v) ?? 0) > 0 ? null : 'Enter the smallest balance worth a statement'),
      asOf: (v) => (v ? null : 'Enter the statement date'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      onRun(await statementCalls.run({ min_balance_cents: inputToCents(v.minimum)!, as_of: String(v.asOf) }));
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors : [];
      const mine = fields.filter((fe) => FIELDS[fe.field]);
      form.setErrors(Object.fromEntries(mine.map((fe) => [FIELDS[fe.field], serverMessage(fe, LABELS)])));
      if (!mine.length || mine.length < fields.length) setError(errorMessage(e));
    }
  });
  return (
    <Paper p="md" component="form" onSubmit={submit} noValidate aria-label="Run statements">
      <Stack gap="sm">
        <ErrorAlert error={error} />
        <Group gap="md" align="flex-start" wrap="wrap">
          <MoneyInput label="Minimum balance" required w={160} {...form.getInputProps('minimum')} />
          <DateInput label="Statement date" required w={160} {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('asOf')} />
          <Button type="submit" loading={form.submitting} mt={25}>
            Run statements
          </Button>
        </Group>
        <Text size="sm">
          Prints a statement for every patient who owes at least the minimum once insurance is done and whose account is not on hold; an account&apos;s
          fourth unpaid statement refers it to collections instead.
        </Text>
        {last ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="status">
            You ran statements at {formatDateTime(last.created_at, undefined, { weekday: false })}. Running them again counts as the next notice for every
            patient who has not paid since.
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
