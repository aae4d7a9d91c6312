// Payers: who claims go to, with their EDI payer id, claim filing indicator and filing limit.
import { useState } from 'react';
import { Group, NumberInput, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { DEFAULT_FILING, FILING_INDICATORS, PAYER_KINDS, usePayersAll } from '../../../lib/billing';
import { addressRules, addressToBody, addressToValues, blankToNull, isPhoneLike, nullToBlank, type AddressValues } from '../../../lib/forms';
import { formatPhone } from '../../../lib/format';
import { useRecordSubmit } from '../../../lib/records';
import { ACTIVE_STATUS } from '../../../lib/status';
import type { Payer, PayerKind } from '../../../lib/types';
import { AddressFields } from '../../../components/AddressFields';
import { FormDialog } from '../../../components/Dialogs';
import { editColumns, ListIntro, ListTable } from '../../../components/ListTable';
import { StatusBadge } from '../../../components/StatusBadge';

interface Values {
  name: string;
  payer_code: string;
  kind: PayerKind;
  filing_indicator: string;
  timely_filing_days: number | string;
  takes_paper: boolean;
  accepts_assignment: boolean;
  address: AddressValues;
  phone: string;
  active: boolean;
}

const toValues = (p?: Payer): Values => ({
  name: nullToBlank(p?.name),
  payer_code: nullToBlank(p?.payer_code),
  kind: p?.kind ?? 'commercial',
  filing_indicator: p?.filing_indicator ?? 'CI',
  timely_filing_days: p?.timely_filing_days ?? 365,
  takes_paper: p?.takes_paper ?? false,
  accepts_assignment: p?.accepts_assignment ?? true,
  address: addressToValues(p?.address),
  phone: nullToBlank(p?.phone),
  active: p ? p.active : true,
});

const toBody = (v: Values) => ({
  name: v.name.trim(),
  payer_code: blankToNull(v.payer_code),
  kind: v.kind,
  filing_indicator: v.filing_indicator,
  timely_filing_days: Number(v.timely_filing_days),
  takes_paper: v.takes_paper,
  accepts_assignment: v.accepts_assignment,
  address: addressToBody(v.address),
  phone: blankToNull(v.phone),
  active: v.active,
});

const options = (o: Record<string, string>, withCode = false) => Object.entries(o).map(([value, label]) => ({ value, label: withCode ? `${value} – ${label}` : label }));

function PayerDialog({ payer, onClose }: { payer: Payer | null; onClose: () => void }) {
  const form = useForm<Values>({
    initialValues: toValues(payer ?? undefined),
    validateInputOnBlur: true,
    validate: {
      name: (v) => (!v.trim() ? 'Name is required' : null),
      payer_code: (v, all) => (!v.trim() && !all.takes_paper && all.kind !== 'self_pay' ? 'The EDI payer id is required for electronic claims' : null),
      timely_filing_days: (v) => (!(Number(v) >= 1 && Number(v) <= 3650) ? 'Between 1 and 3650 days' : null),
      address: addressRules,
      phone: (v) => (v.trim() && !isPhoneLike(v) ? 'Enter a valid phone number' : null),
    },
  });
  const { submit, error } = useRecordSubmit({ form, record: payer, collection: 'payers', noun: 'payer', toValues, toBody, onClose });
  return (
    <FormDialog title={payer ? `Edit ${payer.name}` : 'New payer'} error={error} onClose={onClose} onSubmit={submit} submitLabel={payer ? 'Save payer' : 'Add payer'} submitting={form.submitting}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Name" required data-autofocus maxLength={100} {...form.getInputProps('name')} />
        <TextInput label="EDI payer id" description="The payer's id at the clearinghouse" maxLength={80} classNames={{ input: 'mono' }} {...form.getInputProps('payer_code')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Kind"
          required
          allowDeselect={false}
          data={options(PAYER_KINDS)}
          {...form.getInputProps('kind')}
          onChange={(v) => {
            const kind = (v ?? 'commercial') as PayerKind;
            form.setFieldValue('kind', kind);
            if (!payer) form.setFieldValue('filing_indicator', DEFAULT_FILING[kind]);
          }}
        />
        <Select label="Claim filing indicator" required searchable allowDeselect={false} data={options(FILING_INDICATORS, true)} {...form.getInputProps('filing_indicator')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput label="Timely filing limit (days)" description="Days after the visit a claim is still accepted" min={1} max={3650} allowDecimal={false} {...form.getInputProps('timely_filing_days')} />
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
      </SimpleGrid>
      <AddressFields form={form} />
      <Group>
        <Switch label="Takes paper claims (CMS-1500)" {...form.getInputProps('takes_paper', { type: 'checkbox' })} />
        <Switch label="We accept assignment" description="Payments come to the practice (claim CLM07, box 27)" {...form.getInputProps('accepts_assignment', { type: 'checkbox' })} />
        <Switch label="Active" {...form.getInputProps('active', { type: 'checkbox' })} />
      </Group>
    </FormDialog>
  );
}

export function PayersTab({ canWrite }: { canWrite: boolean }) {
  const payers = usePayersAll();
  const [editing, setEditing] = useState<Payer | 'new' | null>(null);
  return (
    <>
      <ListIntro action={canWrite ? 'New payer' : undefined} onAdd={() => setEditing('new')}>
        The insurers claims go to. The front desk chooses from these when it records a patient's insurance.
      </ListIntro>
      <ListTable<Payer>
        query={payers}
        records={payers.data ?? []}
        label="Payers"
        noRecordsText="No payers yet"
        columns={[
          { accessor: 'name', title: 'Payer', render: (p) => <Text size="sm" fw={500}>{p.name}</Text> },
          { accessor: 'payer_code', title: 'EDI id', render: (p) => <span className="mono">{p.payer_code ?? ''}</span> },
          { accessor: 'kind', title: 'Kind', render: (p) => PAYER_KINDS[p.kind] ?? p.kind },
          { accessor: 'filing_indicator', title: 'Filing', render: (p) => <span title={FILING_INDICATORS[p.filing_indicator]} className="mono">{p.filing_indicator}</span> },
          { accessor: 'timely_filing_days', title: 'Filing limit', textAlign: 'right', render: (p) => `${p.timely_filing_days} d` },
          { accessor: 'phone', title: 'Phone', render: (p) => formatPhone(p.phone) },
          { accessor: 'active', title: 'Status', width: 100, render: (p) => <StatusBadge status={p.active ? 'active' : 'inactive'} map={ACTIVE_STATUS} /> },
          ...editColumns<Payer>(canWrite, (p) => p.name, setEditing),
        ]}
      />
      {editing ? <PayerDialog payer={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
