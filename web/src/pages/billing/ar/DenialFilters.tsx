// The Denials worklist's filters, kept in the address (?payer=&reason=) beside the open / all
// choice: the payer, and a reason the denial carries (a CARC with its group, CO-50, or a
// remark code, N115). A reason is taken as typed once it reads as one ("co 50" is CO-50);
// until then it says what it should look like and the list stays as it was.
import { useEffect, useState } from 'react';
import { Button, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { usePayersAll } from '../../../lib/billing';
import { useUrlParams } from '../../../lib/params';
import { normaliseReason, REASON_RE } from '../../../lib/reports';

function ReasonInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const wanted = normaliseReason(text);
  const bad = wanted !== '' && !REASON_RE.test(wanted);
  const commit = useDebouncedCallback((v: string) => {
    setText(v);
    onChange(v);
  }, 400);
  const change = (t: string) => {
    setText(t);
    const v = normaliseReason(t);
    if (v === '' || REASON_RE.test(v)) commit(v);
  };
  return (
    <TextInput
      label="Reason"
      placeholder="CO-50 or N115"
      w={170}
      maxLength={12}
      classNames={{ input: 'mono' }}
      value={text}
      onChange={(e) => change(e.currentTarget.value)}
      onBlur={() => !bad && wanted !== text && setText(wanted)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !bad) {
          commit.cancel();
          setText(wanted);
          onChange(wanted);
        }
      }}
      error={bad ? 'A CARC with its group (CO-50) or a remark code (N115)' : null}
    />
  );
}

/** The payer and reason filters as controls, and the API's query for them. */
export function useDenialFilters() {
  const [params, set] = useUrlParams();
  const payers = usePayersAll();
  const payer = /^\d+$/.test(params.get('payer') ?? '') ? params.get('payer')! : null;
  const raw = normaliseReason(params.get('reason') ?? '');
  const reason = REASON_RE.test(raw) ? raw : '';
  const any = Boolean(payer || reason);
  const controls = (
    <>
      <Select
        label="Payer"
        placeholder="All payers"
        w={220}
        searchable
        clearable
        data={(payers.data ?? []).map((p) => ({ value: String(p.id), label: p.active ? p.name : `${p.name} (inactive)` }))}
        value={payer}
        onChange={(v) => set({ payer: v })}
        nothingFoundMessage="No payer of that name"
        comboboxProps={{ withinPortal: true }}
      />
      <ReasonInput value={reason} onChange={(v) => set({ reason: v })} />
      {any ? (
        <Button variant="subtle" mt={25} leftSection={<IconFilterOff size={16} />} onClick={() => set({ payer: null, reason: null })}>
          Clear filters
        </Button>
      ) : null}
    </>
  );
  return { query: { payer_id: payer ?? '', reason }, any, controls };
}
