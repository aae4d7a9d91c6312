// Choosing a patient inside a form (booking, waitlist, a guarantor): type a name, birth date,
// phone or MRN; the matches show name, birth date and MRN; Enter or a click picks.
// Once chosen, the patient shows as a card with "Change".
import { useEffect, useRef, useState } from 'react';
import { Button, Combobox, Group, Input, Loader, Paper, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUser } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../lib/api';
import { formatBirthDate, formatPersonName } from '../../lib/format';
import type { Page, PatientSummary } from '../../lib/types';
import { PatientOption } from '../PatientOption';

/** What a form keeps of the chosen patient. */
export interface PickedPatient {
  id: number;
  name: string;
  mrn: string;
  birth_date?: string | null;
}

export function PatientPicker({
  value,
  onChange,
  label = 'Patient',
  required,
  error,
  autoFocus,
  exclude,
  dataPath,
}: {
  value: PickedPatient | null;
  onChange: (p: PickedPatient | null) => void;
  label?: string;
  required?: boolean;
  error?: React.ReactNode;
  autoFocus?: boolean;
  /** Patients not to offer (the patient being edited, say). */
  exclude?: number[];
  /** The form path of the field, for focusing it on a server's field error. */
  dataPath?: string;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const enabled = debounced.length >= 2;
  const results = useQuery({
    queryKey: ['patient-search', debounced],
    queryFn: ({ signal }) => api.get<Page<PatientSummary>>('/patients', { q: debounced, limit: 8 }, signal),
    enabled: enabled && !value,
    staleTime: 10_000,
  });
  const items = enabled ? (results.data?.items ?? []).filter((p) => p.status !== 'merged' && !exclude?.includes(p.id)) : [];

  useEffect(() => {
    if (items.length > 0) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results.data]);

  if (value)
    return (
      <Input.Wrapper label={label} required={required} error={error}>
        <Paper p="xs" mt={4} bg="gray.0">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconUser size={18} aria-hidden />
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate data-testid="picked-patient">
                  {value.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {value.birth_date ? `DOB ${formatBirthDate(value.birth_date)} · ` : ''}MRN <span className="mono">{value.mrn}</span>
                </Text>
              </div>
            </Group>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                onChange(null);
                setQuery('');
                window.setTimeout(() => inputRef.current?.focus(), 0);
              }}
            >
              Change patient
            </Button>
          </Group>
        </Paper>
      </Input.Wrapper>
    );

  let status: React.ReactNode = null;
  if (!enabled) status = <Combobox.Empty>Type at least 2 characters: name, birth date, phone or MRN</Combobox.Empty>;
  else if (results.isError) status = <Combobox.Empty>{errorMessage(results.error)}</Combobox.Empty>;
  else if (results.isFetching && items.length === 0) status = <Combobox.Empty>Searching…</Combobox.Empty>;
  else if (items.length === 0) status = <Combobox.Empty>No patient matches “{debounced}”</Combobox.Empty>;

  const pick = (id: string) => {
    const p = items.find((x) => String(x.id) === id);
    if (!p) return;
    combobox.closeDropdown();
    onChange({ id: p.id, name: formatPersonName(p), mrn: p.mrn, birth_date: p.birth_date });
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} withinPortal={false} position="bottom-start">
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          label={label}
          required={required}
          error={error}
          placeholder="Search: name, birth date, phone or MRN"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={results.isFetching && enabled ? <Loader size={14} /> : null}
          value={query}
          data-autofocus={autoFocus || undefined}
          data-path={dataPath}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => query.trim() && combobox.openDropdown()}
          onClick={() => query.trim() && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          spellCheck={false}
          autoComplete="off"
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options aria-label="Matching patients">
          {items.map((p) => (
            <PatientOption p={p} key={p.id} />
          ))}
          {status}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
