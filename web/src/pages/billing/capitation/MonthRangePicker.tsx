// The months of a capitation report: from and to months, and one-press presets (the preset the
// months match shows as pressed); what is wrong with the range is said under them.
import { useId } from 'react';
import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { MONTH_PRESETS, type MonthRange } from './monthRange';

export function MonthRangePicker({
  range,
  preset,
  error,
  now,
  onChange,
}: {
  range: MonthRange;
  preset: string | null;
  error: string | null;
  now: string;
  onChange: (r: Partial<MonthRange>) => void;
}) {
  const errorId = useId();
  return (
    <Stack gap={4}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <MonthPickerInput
          label="From"
          w={160}
          valueFormat="MMM YYYY"
          value={`${range.from}-01`}
          onChange={(v) => v && onChange({ from: String(v).slice(0, 7) })}
          popoverProps={{ withinPortal: true }}
        />
        <MonthPickerInput
          label="To"
          w={160}
          valueFormat="MMM YYYY"
          value={`${range.to}-01`}
          onChange={(v) => v && onChange({ to: String(v).slice(0, 7) })}
          error={!!error}
          aria-describedby={error ? errorId : undefined}
          popoverProps={{ withinPortal: true }}
        />
        <Box role="group" aria-label="Months">
          <Button.Group>
            {MONTH_PRESETS.map((p) => {
              const on = p.id === preset;
              return (
                <Button key={p.id} px="md" variant={on ? 'filled' : 'default'} aria-pressed={on} onClick={() => onChange(p.range(now))}>
                  {p.label}
                </Button>
              );
            })}
          </Button.Group>
        </Box>
      </Group>
      {error ? (
        <Text size="sm" c="red.8" role="alert" id={errorId}>
          {error}: choose other months.
        </Text>
      ) : null}
    </Stack>
  );
}
