// Up to four two-character modifiers of a service line (25, 59, LT, ...).
import { Group, Input, TextInput } from '@mantine/core';

export function ModifierInputs({
  label,
  value,
  onChange,
  invalid,
}: {
  label: string;
  value: string[];
  onChange: (i: number, v: string) => void;
  /** Marked in error (the messages are under the line). */
  invalid?: boolean;
}) {
  return (
    <Input.Wrapper label="Modifiers" labelElement="div">
      <Group gap={4} wrap="nowrap" mt={4} role="group" aria-label={label}>
        {value.map((m, i) => (
          <TextInput
            key={i}
            aria-label={`${label} ${i + 1}`}
            value={m}
            maxLength={2}
            w={44}
            error={invalid}
            classNames={{ input: 'mono center-input' }}
            onChange={(e) => onChange(i, e.currentTarget.value.toUpperCase())}
            spellCheck={false}
          />
        ))}
      </Group>
    </Input.Wrapper>
  );
}
