// The superbill's diagnoses, lettered A to L as the claim form points to them.
import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { dxLetter, MAX_DX } from '../../lib/billing';
import { CodeInput } from './CodeInput';
import { removeDiagnosis, type EncounterForm } from './encounterForm';

export function DiagnosisList({ form, date }: { form: EncounterForm; date: string | null }) {
  const dx = form.values.diagnoses;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>Diagnoses</Text>
        <Text size="xs" c="dimmed">
          ICD-10-CM, most important first; lines point to them by letter
        </Text>
      </Group>
      {dx.map((d, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <span className="dx-letter" aria-hidden>
            {dxLetter(i)}
          </span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <CodeInput
              set="icd10cm"
              label={`Diagnosis ${dxLetter(i)}`}
              hideLabel
              placeholder="Code or words, e.g. E11.9 or diabetes"
              date={date}
              value={d}
              error={form.errors[`diagnoses.${i}`]}
              onChange={(v) => form.setFieldValue(`diagnoses.${i}`, v)}
            />
          </div>
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={6}
            aria-label={`Remove diagnosis ${dxLetter(i)}`}
            disabled={dx.length === 1}
            onClick={() => removeDiagnosis(form, i)}
          >
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      {dx.length < MAX_DX ? (
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('diagnoses', '')}>
            Add diagnosis
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
