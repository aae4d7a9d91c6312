// A capitation contract, new or changed: the payer, a name, when it is in force, what it pays
// per member per month and the codes it carves out (billed fee-for-service as usual). Checked
// as the user leaves each field; the server's field errors land under the same fields; a
// change someone else made meanwhile is said, and nothing typed is lost.
import { useState } from 'react';
import { Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../../lib/api';
import { centsToInput, inputToCents, usePayersAll } from '../../../lib/billing';
import { capitationCalls, CONTRACTS_KEY, type CapitationContract, type ContractBody } from '../../../lib/capitation';
import { DATE_INPUT_PROPS } from '../../../lib/format';
import { changedKeys, endNotBefore, patchBody, serverMessage } from '../../../lib/forms';
import { FormDialog } from '../../../components/Dialogs';
import { MoneyInput } from '../../../components/MoneyInput';

interface Values {
  payer_id: string | null;
  name: string;
  effective_from: string | null;
  effective_to: string | null;
  /** Dollars. */
  pmpm: number | string;
  carve_outs: string;
}

/** The server's field names, as this form's. */
const FIELDS: Record<string, keyof Values> = {
  payer_id: 'payer_id',
  name: 'name',
  effective_from: 'effective_from',
  effective_to: 'effective_to',
  pmpm_cents: 'pmpm',
  carve_outs: 'carve_outs',
};
const LABELS: Record<string, string> = {
  payer_id: 'The payer',
  name: 'The name',
  effective_from: 'The start',
  effective_to: 'The end',
  pmpm_cents: 'The rate',
  carve_outs: 'Carve-outs',
};

const CODE = /^[A-Z0-9]{5}$/;
const codes = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

const toValues = (c: CapitationContract | null): Values => ({
  payer_id: c ? String(c.payer_id) : null,
  name: c?.name ?? '',
  effective_from: c?.effective_from ?? null,
  effective_to: c?.effective_to ?? null,
  pmpm: centsToInput(c?.pmpm_cents),
  carve_outs: c ? c.carve_outs.split(',').filter(Boolean).join(', ') : '',
});

const toBody = (v: Values): ContractBody => ({
  payer_id: Number(v.payer_id),
  name: v.name.trim(),
  effective_from: String(v.effective_from),
  effective_to: v.effective_to ? String(v.effective_to) : null,
  pmpm_cents: inputToCents(v.pmpm) ?? 0,
  carve_outs: codes(v.carve_outs).join(','),
});

export function ContractDialog({ contract, onClose, onSaved }: { contract: CapitationContract | null; onClose: () => void; onSaved?: (c: CapitationContract) => void }) {
  const payers = usePayersAll();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: toValues(contract),
    validateInputOnBlur: true,
    validate: {
      payer_id: (v) => (!v ? 'Choose the payer' : null),
      name: (v) => (!v.trim() ? 'Name the contract' : null),
      effective_from: (v) => (!v ? 'Enter the first day it is in force' : null),
      effective_to: endNotBefore('effective_from'),
      pmpm: (v) => (v === '' ? 'Enter what the payer pays per member per month' : null),
      carve_outs: (v) => {
        const bad = codes(v).filter((c) => !CODE.test(c));
        return bad.length ? `Not a CPT or HCPCS code (5 letters or digits): ${bad.join(', ')}` : null;
      },
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      let saved: CapitationContract | null = contract;
      if (contract) {
        const after = toBody(v) as unknown as Record<string, unknown>;
        const keys = changedKeys(toBody(toValues(contract)) as unknown as Record<string, unknown>, after);
        if (keys.length) saved = await capitationCalls.update(contract.id, patchBody(contract.version, after, keys));
      } else {
        saved = await capitationCalls.create(toBody(v));
      }
      void queryClient.invalidateQueries({ queryKey: [CONTRACTS_KEY] });
      notifications.show({ color: 'teal', message: contract ? `${saved!.name} saved.` : `${saved!.name} added.` });
      onSaved?.(saved!);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version-conflict') {
        void queryClient.invalidateQueries({ queryKey: [CONTRACTS_KEY] });
        setError('Someone else changed this contract while you were editing. Your edits are still here; close and reopen to see theirs, then re-apply.');
        return;
      }
      // The server's field errors go under their fields; anything else above the form.
      const fields = e instanceof ApiError ? e.fieldErrors : [];
      const mine = fields.filter((fe) => FIELDS[fe.field]);
      form.setErrors(Object.fromEntries(mine.map((fe) => [FIELDS[fe.field], serverMessage(fe, LABELS)])));
      if (!mine.length || mine.length < fields.length) setError(errorMessage(e));
    }
  });
  return (
    <FormDialog
      title={contract ? `Edit ${contract.name}` : 'New capitation contract'}
      error={error}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={contract ? 'Save contract' : 'Add contract'}
      submitting={form.submitting}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The payer pays a fixed amount each month for every member on its roster, whether or not they visit. Members’ visits are charged to nobody
          but their copay; carved-out codes are billed to the payer as usual.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Payer"
            required
            searchable
            data-autofocus
            nothingFoundMessage="No payer by that name"
            data={(payers.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
            {...form.getInputProps('payer_id')}
          />
          <TextInput label="Name" required placeholder="e.g. Harbor HMO capitation 2026" maxLength={100} {...form.getInputProps('name')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <DateInput label="From" required {...DATE_INPUT_PROPS} popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_from')} />
          <DateInput label="Until" clearable {...DATE_INPUT_PROPS} placeholder="Open-ended" popoverProps={{ withinPortal: true }} {...form.getInputProps('effective_to')} />
          <MoneyInput label="Monthly rate" required description="Per member, unless the roster says otherwise" inputWrapperOrder={['label', 'input', 'description', 'error']} {...form.getInputProps('pmpm')} />
        </SimpleGrid>
        <TextInput
          label="Carve-outs"
          description="CPT or HCPCS codes the contract does not cover, billed fee-for-service, separated by commas (e.g. 90686, 90471)"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          classNames={{ input: 'mono' }}
          maxLength={600}
          {...form.getInputProps('carve_outs')}
        />
      </Stack>
    </FormDialog>
  );
}
