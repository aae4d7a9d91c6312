// The period of a billing report: from and to dates, and one-press presets (this month, last
// month, the last 90 days, the year to date); the preset the dates match shows as pressed, and
// an end before the start is said under them. The dates live in the address (see period.ts).
import { useId } from 'react';
import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { DATE_INPUT_PROPS } from '../../../lib/format';
import type { Period } from '../../../lib/types';
import { PRESETS } from './period';

export function PeriodPicker({
  period,
  preset,
  error,
  today,
  onChange,
}: {
  period: Period;
  preset: string | null;
  error: string | null;
  today: string;
  onChange: (p: Partial<Period>) => void;
}) {
  const errorId = useId();
  return (
    <Stack gap={4}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <DateInput
          label="From"
          w={140}
          {...DATE_INPUT_PROPS}
          value={period.from}
          onChange={(v) => onChange({ from: v ? String(v).slice(0, 10) : '' })}
          popoverProps={{ withinPortal: true }}
        />
        <DateInput
          label="To"
          w={140}
          {...DATE_INPUT_PROPS}
          value={period.to}
          onChange={(v) => onChange({ to: v ? String(v).slice(0, 10) : '' })}
          error={!!error}
          aria-describedby={error ? errorId : undefined}
          popoverProps={{ withinPortal: true }}
        />
        <Box role="group" aria-label="Period">
          <Button.Group>
            {PRESETS.map((p) => {
              const on = p.id === preset;
              return (
                <Button key={p.id} px="md" variant={on ? 'filled' : 'default'} aria-pressed={on} onClick={() => onChange(p.period(today))}>
                  {p.label}
                </Button>
              );
            })}
          </Button.Group>
        </Box>
      </Group>
      {error ? (
        <Text size="sm" c="red.8" role="alert" id={errorId}>
          {error}: choose an end on or after the start.
        </Text>
      ) : null}
    </Stack>
  );
}
