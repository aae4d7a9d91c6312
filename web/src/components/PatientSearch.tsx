// The one search box in the top bar. Ctrl+K (⌘K) focuses it from anywhere;
// results appear as you type (name, birth date, phone or MRN); Enter or a click
// opens the patient.
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Combobox, Kbd, Loader, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../lib/api';
import type { Page, PatientSummary } from '../lib/types';
import { PatientOption } from './PatientOption';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function PatientSearch() {
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
  });

  useHotkeys(
    [
      [
        'mod+K',
        () => {
          inputRef.current?.focus();
          inputRef.current?.select();
          combobox.openDropdown();
        },
      ],
    ],
    [],
  );

  const enabled = debounced.length >= 2;
  const results = useQuery({
    queryKey: ['patient-search', debounced],
    queryFn: ({ signal }) => api.get<Page<PatientSummary>>('/patients', { q: debounced, limit: 8 }, signal),
    enabled,
    staleTime: 10_000,
  });

  const items = enabled ? (results.data?.items ?? []) : [];

  // After new results arrive, the first one is selected so Enter opens it.
  useEffect(() => {
    if (items.length > 0) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results.data]);

  const open = (id: string) => {
    combobox.closeDropdown();
    setQuery('');
    inputRef.current?.blur();
    navigate(`/patients/${id}`);
  };

  let status: React.ReactNode = null;
  if (!enabled) status = <Combobox.Empty>Type at least 2 characters: name, birth date, phone or MRN</Combobox.Empty>;
  else if (results.isError) status = <Combobox.Empty>{errorMessage(results.error)}</Combobox.Empty>;
  else if (results.isFetching && items.length === 0) status = <Combobox.Empty>Searching…</Combobox.Empty>;
  else if (items.length === 0) status = <Combobox.Empty>No patient matches “{debounced}”</Combobox.Empty>;

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal position="bottom-start" width={440}>
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          aria-label="Search patients"
          placeholder="Search patients: name, DOB, phone, MRN"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={results.isFetching && enabled ? <Loader size={14} /> : <Kbd size="xs">{isMac ? '⌘' : 'Ctrl'}+K</Kbd>}
          rightSectionWidth={64}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setQuery('');
              combobox.closeDropdown();
            }
          }}
          w={{ base: 260, md: 380 }}
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
