// Choosing days of the week (working hours, a waitlist wish): a labelled row of chips.
import type { ReactNode } from 'react';
import { Chip, Group, Stack, Text } from '@mantine/core';
import { WEEKDAYS } from '../../lib/schedule';

export function WeekdayPicker({ id, label, value, onChange, error }: {
  id: string;
  label: ReactNode;
  value: string[];
  onChange: (days: string[]) => void;
  error?: ReactNode;
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <Chip.Group multiple value={value} onChange={onChange}>
        <Group gap={6} role="group" aria-labelledby={id}>
          {WEEKDAYS.map((w) => (
            <Chip key={w.value} value={w.value} size="sm" aria-label={w.long}>
              {w.label}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {error ? (
        <Text size="xs" c="red.8">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
