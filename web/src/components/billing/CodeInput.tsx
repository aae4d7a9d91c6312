// A diagnosis (ICD-10-CM) or procedure (CPT/HCPCS) code with a typeahead: matches show the
// code and its description; a category header that cannot be billed is marked, and warned
// about once chosen. With no code set loaded, what the user types is kept as it is (the
// server checks its shape).
import { useEffect, type ReactNode } from 'react';
import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useCodeSets } from '../../lib/billing';
import type { CodeHit } from '../../lib/types';

export type CodeSet = 'icd10cm' | 'hcpcs';

const norm = (s: string) => s.trim().toUpperCase();
const bare = (s: string) => norm(s).replace('.', '');

function useCodeSearch(set: CodeSet, q: string, date: string | null) {
  const [debounced] = useDebouncedValue(q.trim(), 150);
  return useQuery({
    queryKey: ['codes', set, debounced.toUpperCase(), date],
    queryFn: ({ signal }) => api.get<{ items: CodeHit[] }>('/codes', { set, q: debounced, date, limit: 15 }, signal).then((r) => r.items),
    enabled: debounced.length >= 1,
    staleTime: 10 * 60_000,
    placeholderData: (prev) => prev,
  });
}

export function CodeInput({
  set,
  label,
  value,
  onChange,
  date,
  error,
  placeholder,
  w,
  autoFocus,
  hideLabel,
  ariaLabel,
}: {
  set: CodeSet;
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** The date of service (the release in force then). */
  date: string | null;
  error?: ReactNode;
  placeholder?: string;
  w?: number | string;
  autoFocus?: boolean;
  /** The label for screen readers only (rows of a table). */
  hideLabel?: boolean;
  /** A longer accessible name than the visible label ("Line 2 procedure"). */
  ariaLabel?: string;
}) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const search = useCodeSearch(set, value, date);
  const sets = useCodeSets();
  const hits = search.data ?? [];
  const exact = value.trim() ? hits.find((h) => bare(h.display) === bare(value) || bare(h.code) === bare(value)) : undefined;
  const loaded = (sets.data ?? []).some((s) => s.kind === set || (set === 'hcpcs' && s.kind === 'pfs'));

  useEffect(() => {
    if (hits.length > 0) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search.data]);

  const header = exact && !Number(exact.billable);
  let description: ReactNode = null;
  if (header)
    description = (
      <Text span size="xs" c="orange.9">
        {set === 'icd10cm' ? 'A category header, not billable: choose a more specific code' : 'Not billable on this date'}
      </Text>
    );
  else if (exact?.description) description = exact.description;
  else if (!loaded && sets.isSuccess && value.trim()) description = 'No code set loaded: checked by its shape only';

  const pick = (v: string) => {
    onChange(v);
    combobox.closeDropdown();
  };

  const showList = value.trim().length >= 1 && (hits.length > 0 || (search.isFetching && loaded));
  return (
    <Combobox store={combobox} onOptionSubmit={pick} withinPortal position="bottom-start" width={420}>
      <Combobox.Target>
        <TextInput
          label={label}
          aria-label={ariaLabel}
          labelProps={hideLabel ? { className: 'visually-hidden' } : undefined}
          placeholder={placeholder}
          value={value}
          w={w}
          error={error}
          description={description}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          className="mono-input"
          data-autofocus={autoFocus || undefined}
          rightSection={search.isFetching ? <Loader size={12} /> : null}
          onChange={(e) => {
            onChange(e.currentTarget.value.toUpperCase());
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => value.trim() && combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            if (value !== norm(value)) onChange(norm(value));
          }}
          spellCheck={false}
          autoComplete="off"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!showList}>
        <Combobox.Options aria-label={`Matching ${set === 'icd10cm' ? 'diagnosis' : 'procedure'} codes`} mah={320} style={{ overflowY: 'auto' }}>
          {hits.map((h) => (
            <Combobox.Option value={h.display || h.code} key={h.code}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Text size="sm" fw={600} className="mono" miw={64}>
                  {h.display || h.code}
                </Text>
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" lineClamp={2}>
                    {h.description || (set === 'hcpcs' ? 'CPT code' : '')}
                  </Text>
                  {!Number(h.billable) ? (
                    <Text size="xs" className="option-secondary">
                      {set === 'icd10cm' ? 'Category header: not billable' : 'Not billable on this date'}
                    </Text>
                  ) : null}
                </div>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
