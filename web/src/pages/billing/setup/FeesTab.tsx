// The charge master: the practice's fee for each code (and pricing modifier) from a date.
import { useState } from 'react';
import { SimpleGrid, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { centsToInput, inputToCents, PROC_CODE_RE } from '../../../lib/billing';
import { DATE_INPUT_PROPS, formatDate } from '../../../lib/format';
import { endNotBefore } from '../../../lib/forms';
import { useRecordSubmit } from '../../../lib/records';
import { getAll } from '../../../lib/schedule';
import type { Fee } from '../../../lib/types';
import { FormDialog } from '../../../components/Dialogs';
import { editColumns, ListIntro, ListTable } from '../../../components/ListTable';
import { MoneyInput } from '../../../components/MoneyInput';
import { moneyColumn } from '../../../components/billing/money';

interface Values {
  code: string;
  modifier: string;
  fee: number | string;
  effective_from: string | null;
  effective_to: string | null;
}

const toValues = (f?: Fee): Values => ({
  code: f?.code ?? '',
  modifier: f?.modifier ?? '',
  fee: centsToInput(f?.fee_cents),
  effective_from: f?.effective_from ?? null,
  effective_to: f?.effective_to ?? null,
});

const toBody = (v: Values) => ({
  code: v.code.trim().toUpperCase(),
  modifier: v.modifier.trim().toUpperCase(),
  fee_cents: inputToCents(v.fee),
  effective_from: v.effective_from,
  effective_to: v.effective_to || null,
});

function FeeDialog({ fee, onClose }: { fee: Fee | null; onClose: () => void }) {
  const form = useForm<Values>({
    initialValues: toValues(fee ?? undefined),
    validateInputOnBlur: true,
    validate: {
      code: (v) => (!PROC_CODE_RE.test(v.trim().toUpperCase()) ? 'A CPT or HCPCS code: 5 letters or digits' : null),
      modifier: (v) => (v.trim() && !/^[A-Za-z0-9]{2}$/.test(v.trim()) ? 'Two letters or digits, or empty' : null),
      fee: (v) => (v === '' ? 'Enter the fee' : null),
      effective_from: (v) => (!v ? 'Enter the first date it applies' : null),
      effective_to: endNotBefore('effective_from'),
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: fee, collection: 'fees', noun: 'fee', toValues, toBody, onClose });
  return (
    <FormDialog title={fee ? `Edit the fee of ${fee.code}${fee.modifier ? `-${fee.modifier}` : ''}` : 'New fee'} error={error} onClose={onClose} onSubmit={submit} submitLabel={fee ? 'Save fee' : 'Add fee'} submitting={form.submitting}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Code" required data-autofocus maxLength={5} classNames={{ input: 'mono' }} placeholder="99213" {...form.getInputProps('code')} />
        <TextInput label="Modifier" description="Only for a pricing modifier such as 26" maxLength={2} classNames={{ input: 'mono' }} {...form.getInputProps('modifier')} />
        <MoneyInput label="Fee" required {...form.getInputProps('fee')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateInput label="From" required {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_from')} />
        <DateInput label="Until" clearable {...DATE_INPUT_PROPS} placeholder="Open-ended" popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_to')} />
      </SimpleGrid>
    </FormDialog>
  );
}

export function FeesTab({ canWrite }: { canWrite: boolean }) {
  const fees = useQuery({ queryKey: ['fees', 'all'], queryFn: ({ signal }) => getAll<Fee>('/fees', {}, signal) });
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Fee | 'new' | null>(null);
  const f = filter.trim().toUpperCase();
  const rows = (fees.data ?? []).filter((x) => !f || x.code.startsWith(f)).sort((a, b) => a.code.localeCompare(b.code) || a.modifier.localeCompare(b.modifier) || b.effective_from.localeCompare(a.effective_from));
  return (
    <>
      <ListIntro action={canWrite ? 'New fee' : undefined} onAdd={() => setEditing('new')}>
        What the practice charges for each procedure code. A line's charge is this fee times its units; a row with a modifier (such as 26) is used when the
        line's first modifier is that one.
      </ListIntro>
      <TextInput label="Find a code" placeholder="e.g. 992" w={200} mb="sm" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
      <ListTable<Fee>
        query={fees}
        records={rows}
        label="Fee schedule"
        noRecordsText={f ? `No fee for a code starting ${f}` : 'No fees yet: a line whose code has no fee cannot be entered'}
        columns={[
          { accessor: 'code', title: 'Code', render: (x) => <span className="mono">{x.code}</span> },
          { accessor: 'modifier', title: 'Modifier', render: (x) => <span className="mono">{x.modifier}</span> },
          moneyColumn<Fee>('fee_cents', 'Fee', (x) => x.fee_cents),
          { accessor: 'effective_from', title: 'From', render: (x) => formatDate(x.effective_from) },
          { accessor: 'effective_to', title: 'Until', render: (x) => formatDate(x.effective_to) },
          ...editColumns<Fee>(canWrite, (x) => `fee ${x.code}${x.modifier ? `-${x.modifier}` : ''}`, setEditing),
        ]}
      />
      {editing ? <FeeDialog fee={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
