// A service line's diagnosis pointers: one toggle per diagnosis, A = the first. The order
// they are pressed in is kept (the first is the line's main diagnosis).
import { Group, Input, UnstyledButton } from '@mantine/core';
import { dxLetter, MAX_PTRS } from '../../lib/billing';

export function PointerToggles({
  label,
  diagnoses,
  value,
  onChange,
  invalid,
}: {
  label: string;
  diagnoses: string[];
  value: number[];
  onChange: (v: number[]) => void;
  /** Marked in error (the messages are under the line). */
  invalid?: boolean;
}) {
  const toggle = (pos: number) => {
    if (value.includes(pos)) onChange(value.filter((p) => p !== pos));
    else if (value.length < MAX_PTRS) onChange([...value, pos]);
  };
  return (
    <Input.Wrapper label="Diagnoses" labelElement="div">
      <Group gap={4} mt={4} role="group" aria-label={label} data-error={invalid || undefined} className="ptr-group">
        {diagnoses.map((d, i) => {
          const pos = i + 1;
          const on = value.includes(pos);
          return (
            <UnstyledButton
              key={pos}
              className="ptr-toggle"
              data-on={on || undefined}
              aria-pressed={on}
              aria-label={`Diagnosis ${dxLetter(i)}${d ? ` (${d})` : ''}`}
              title={d || undefined}
              disabled={!on && value.length >= MAX_PTRS}
              onClick={() => toggle(pos)}
            >
              {dxLetter(i)}
            </UnstyledButton>
          );
        })}
      </Group>
    </Input.Wrapper>
  );
}
