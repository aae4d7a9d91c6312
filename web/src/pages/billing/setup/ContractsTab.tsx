// Payer contracts: what a payer allows for each code (listed rates) and, for codes not
// listed, a percentage of the Medicare fee. Expected payments on claims come from here.
import { useState } from 'react';
import { ActionIcon, Button, Group, Input, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { centsToInput, inputToCents, PROC_CODE_RE, usePayersAll } from '../../../lib/billing';
import { DATE_INPUT_PROPS, formatDate, formatPercent } from '../../../lib/format';
import { endNotBefore } from '../../../lib/forms';
import { useRecordSubmit } from '../../../lib/records';
import { getAll } from '../../../lib/schedule';
import type { PayerContract } from '../../../lib/types';
import { FormDialog } from '../../../components/Dialogs';
import { editColumns, ListIntro, ListTable } from '../../../components/ListTable';
import { MoneyInput } from '../../../components/MoneyInput';

interface RateValues {
  key: string;
  code: string;
  modifier: string;
  allowed: number | string;
}

interface Values {
  payer_id: string | null;
  name: string;
  effective_from: string | null;
  effective_to: string | null;
  /** Percent of the Medicare fee ("" for none). */
  pct: number | string;
  rates: RateValues[];
}

const toValues = (c?: PayerContract): Values => ({
  payer_id: c ? String(c.payer_id) : null,
  name: c?.name ?? '',
  effective_from: c?.effective_from ?? null,
  effective_to: c?.effective_to ?? null,
  pct: c?.medicare_pct_bp ? c.medicare_pct_bp / 100 : '',
  rates: (c?.rates ?? []).map((r) => ({ key: randomId(), code: r.code, modifier: r.modifier, allowed: centsToInput(r.allowed_cents) })),
});

const toBody = (v: Values) => ({
  payer_id: Number(v.payer_id),
  name: v.name.trim(),
  effective_from: v.effective_from,
  effective_to: v.effective_to || null,
  medicare_pct_bp: v.pct === '' ? null : Math.round(Number(v.pct) * 100),
  rates: v.rates.map((r) => ({ code: r.code.trim().toUpperCase(), modifier: r.modifier.trim().toUpperCase(), allowed_cents: inputToCents(r.allowed) })),
});

function RatesEditor({ form }: { form: UseFormReturnType<Values> }) {
  return (
    <Input.Wrapper label="Listed rates" description="The allowed amount per code; other codes are paid at the percentage of Medicare" error={form.errors.rates}>
      <Stack gap={6} mt={6}>
        {form.values.rates.map((r, i) => (
          <div key={r.key}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <TextInput aria-label={`Rate ${i + 1} code`} placeholder="Code" w={100} maxLength={5} classNames={{ input: 'mono' }} {...form.getInputProps(`rates.${i}.code`)} />
              <TextInput aria-label={`Rate ${i + 1} modifier`} placeholder="Mod" w={64} maxLength={2} classNames={{ input: 'mono' }} {...form.getInputProps(`rates.${i}.modifier`)} />
              <MoneyInput aria-label={`Rate ${i + 1} allowed amount`} placeholder="Allowed" w={130} {...form.getInputProps(`rates.${i}.allowed`)} />
              <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Remove rate ${i + 1}`} onClick={() => form.removeListItem('rates', i)}>
                <IconX size={16} />
              </ActionIcon>
            </Group>
            {form.errors[`rates.${i}`] ? (
              <Text size="xs" c="red.8">
                {form.errors[`rates.${i}`]}
              </Text>
            ) : null}
          </div>
        ))}
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('rates', { key: randomId(), code: '', modifier: '', allowed: '' })}>
            Add rate
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}

function ContractDialog({ contract, onClose }: { contract: PayerContract | null; onClose: () => void }) {
  const payers = usePayersAll();
  const form = useForm<Values>({
    initialValues: toValues(contract ?? undefined),
    validateInputOnBlur: true,
    validate: {
      payer_id: (v) => (!v ? 'Choose the payer' : null),
      name: (v) => (!v.trim() ? 'Name the contract' : null),
      effective_from: (v) => (!v ? 'Enter the first date it applies' : null),
      effective_to: endNotBefore('effective_from'),
      pct: (v) => (v !== '' && !(Number(v) > 0 && Number(v) <= 1000) ? 'A percentage above 0 and at most 1000' : null),
      rates: {
        code: (v) => (!PROC_CODE_RE.test(v.trim().toUpperCase()) ? '5 letters or digits' : null),
        modifier: (v) => (v.trim() && !/^[A-Za-z0-9]{2}$/.test(v.trim()) ? '2 characters' : null),
        allowed: (v) => (v === '' ? 'Enter the amount' : null),
      },
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: contract, collection: 'payer-contracts', noun: 'contract', toValues, toBody, onClose });
  return (
    <FormDialog title={contract ? `Edit ${contract.name}` : 'New payer contract'} error={error} onClose={onClose} onSubmit={submit} submitLabel={contract ? 'Save contract' : 'Add contract'} submitting={form.submitting}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label="Payer" required searchable data={(payers.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))} {...form.getInputProps('payer_id')} />
        <TextInput label="Name" required placeholder="e.g. Aetna 2026" maxLength={100} {...form.getInputProps('name')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateInput label="From" required {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_from')} />
        <DateInput label="Until" clearable {...DATE_INPUT_PROPS} placeholder="Open-ended" popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_to')} />
        <NumberInput label="% of Medicare" description="For codes not listed" suffix="%" decimalScale={2} min={0} max={1000} hideControls {...form.getInputProps('pct')} />
      </SimpleGrid>
      <RatesEditor form={form} />
    </FormDialog>
  );
}

export function ContractsTab({ canWrite }: { canWrite: boolean }) {
  const contracts = useQuery({ queryKey: ['payer-contracts', 'all'], queryFn: ({ signal }) => getAll<PayerContract>('/payer-contracts', {}, signal) });
  const payers = usePayersAll();
  const [editing, setEditing] = useState<PayerContract | 'new' | null>(null);
  const payerName = (id: number) => (payers.data ?? []).find((p) => p.id === id)?.name ?? `Payer ${id}`;
  return (
    <>
      <ListIntro action={canWrite ? 'New contract' : undefined} onAdd={() => setEditing('new')}>
        What each payer agreed to pay. Claims show the expected payment from the listed rate of a code, else from the percentage of the Medicare fee.
      </ListIntro>
      <ListTable<PayerContract>
        query={contracts}
        records={contracts.data ?? []}
        label="Payer contracts"
        noRecordsText="No contracts yet: expected payments come from the Medicare fee schedule only for Medicare"
        columns={[
          { accessor: 'payer_id', title: 'Payer', render: (c) => <Text size="sm" fw={500}>{payerName(c.payer_id)}</Text> },
          { accessor: 'name', title: 'Contract' },
          { accessor: 'effective_from', title: 'From', render: (c) => formatDate(c.effective_from) },
          { accessor: 'effective_to', title: 'Until', render: (c) => formatDate(c.effective_to) },
          { accessor: 'medicare_pct_bp', title: '% of Medicare', textAlign: 'right', render: (c) => (c.medicare_pct_bp ? formatPercent(c.medicare_pct_bp / 10000) : '—') },
          { accessor: 'rates', title: 'Listed rates', textAlign: 'right', render: (c) => c.rates.length },
          ...editColumns<PayerContract>(canWrite, (c) => c.name, setEditing),
        ]}
      />
      {editing ? <ContractDialog contract={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
