// Entering a payer's paper EOB for a claim the payer has: the payment (date, method, check or
// EFT number, the payer's claim number) and each line's payment, adjustments and remarks.
// Posting waits until every line balances. The dialog carries one Idempotency-Key from
// opening to closing, so a double click or a retry after a lost answer posts once. The
// server's objections land on the line (or field) they name; once posted, what happened:
// the remittance, the claims posted, denials and exceptions, and the claim's new status.
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Input, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../../lib/api';
import { DATE_INPUT_PROPS, formatMoney, todayIso } from '../../../lib/format';
import { serverMessage } from '../../../lib/forms';
import { newIdempotencyKey, useLedgerChanged } from '../../../lib/ledger';
import { eobCalls, type EobAnswer, type EobMethod } from '../../../lib/reports';
import { CLAIM_STATUS } from '../../../lib/status';
import type { ClaimDetail } from '../../../lib/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusBadge } from '../../../components/StatusBadge';
import { PostingSummary } from '../../../components/billing/PostingSummary';
import { EobLine } from './EobLine';
import { EOB_METHODS, eobTotals, formPath, initialValues, lineBalance, lineMessage, reasonProblem, remarksProblem, toBody, type EobValues } from './eob';

const LABELS: Record<string, string> = {
  paid_on: 'The payment date',
  method: 'The method',
  reference: 'The check or EFT number',
  payer_claim_number: 'The payer claim number',
};

/** What the EOB posted, and where the claim is now. */
function Posted({ answer, claim }: { answer: EobAnswer; claim: ClaimDetail }) {
  const r = answer.remittances[0];
  return (
    <Alert color="teal" title={answer.duplicate ? 'This EOB was already posted' : 'EOB posted'} data-testid="eob-posted">
      <Stack gap={6}>
        {r ? (
          <Text size="sm">
            {r.payer_name} paid {formatMoney(r.amount_cents)}: kept as{' '}
            <Anchor component={Link} to={`/billing/remittances/${r.id}`} size="sm">
              remittance {r.id}
            </Anchor>
            .
          </Text>
        ) : null}
        <PostingSummary answer={answer} />
        <Group gap={6}>
          <Text size="sm">Claim {claim.id} is now</Text>
          <span data-testid="eob-claim-status">
            <StatusBadge status={claim.status} map={CLAIM_STATUS} />
          </span>
        </Group>
      </Stack>
    </Alert>
  );
}

export function EobDialog({ claim, onClose }: { claim: ClaimDetail; onClose: () => void }) {
  const [key] = useState(newIdempotencyKey);
  const [answer, setAnswer] = useState<EobAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sending = useRef(false);
  const queryClient = useQueryClient();
  const ledgerChanged = useLedgerChanged();
  const form = useForm<EobValues>({
    initialValues: initialValues(claim),
    validateInputOnBlur: true,
    validate: {
      paid_on: (v) => (!v ? 'Enter the date of the payment' : String(v) > todayIso() ? 'A payment cannot be dated in the future' : null),
      reference: (v) => (v.trim().length > 50 ? 'At most 50 characters' : null),
      payer_claim_number: (v) => (v.trim().length > 50 ? 'At most 50 characters' : null),
      lines: {
        remarks: (v) => remarksProblem(v),
        adjustments: {
          reason: (v) => reasonProblem(v),
          amount: (v) => (v === '' ? 'Enter the amount' : null),
        },
      },
    },
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['claim', String(claim.id)] });
    void queryClient.invalidateQueries({ queryKey: ['claims'] });
    void queryClient.invalidateQueries({ queryKey: ['remittances'] });
    ledgerChanged(claim.patient_id);
  };
  const unbalanced = form.values.lines.map((l, i) => (lineBalance(l).problem ? i + 1 : 0)).filter(Boolean);
  const totals = eobTotals(form.values);
  const submit = form.onSubmit(async (v) => {
    if (unbalanced.length || sending.current) return;
    sending.current = true;
    setError(null);
    try {
      setAnswer(await eobCalls.post(claim.id, toBody(v), key));
      refresh();
    } catch (e) {
      const fields = e instanceof ApiError ? e.fieldErrors : [];
      const mine = fields.filter((f) => formPath(f.field));
      const byPath: Record<string, string> = {};
      for (const f of mine) {
        const p = formPath(f.field)!;
        const msg = p.startsWith('lines.') ? lineMessage(f.message) : serverMessage(f, LABELS);
        byPath[p] = byPath[p] ? `${byPath[p]} ${msg}` : msg;
      }
      form.setErrors(byPath);
      if (!mine.length || mine.length < fields.length) setError(errorMessage(e));
      else setError('The EOB was not posted: see the lines marked below.');
      if (e instanceof ApiError && e.status === 409) refresh(); // the claim moved meanwhile
    } finally {
      sending.current = false;
    }
  });
  const method = form.values.method;
  return (
    // A click beside it neither loses what was typed nor, after a double click on "Post EOB", the answer.
    <Modal opened onClose={onClose} title={`Paper EOB: claim ${claim.id}`} size={1000} closeOnClickOutside={false}>
      {answer ? (
        <Stack>
          <Posted answer={answer} claim={claim} />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Close
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={error} />
            <Text size="sm">
              Type what {claim.payer_name} wrote for each line: the amount paid and every adjustment. Each line must balance (paid + adjustments =
              charge) before the EOB can be posted; it is then posted like an electronic remittance.
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
              <DateInput label="Payment date" required {...DATE_INPUT_PROPS} maxDate={todayIso()} popoverProps={{ withinPortal: true }} {...form.getInputProps('paid_on')} />
              <Input.Wrapper label="Method" required error={form.errors.method}>
                <SegmentedControl
                  fullWidth
                  aria-label="Method"
                  data={Object.entries(EOB_METHODS).map(([value, m]) => ({ value, label: m.label.split(' ')[0] }))}
                  value={method}
                  onChange={(v) => form.setFieldValue('method', v as EobMethod)}
                />
              </Input.Wrapper>
              <TextInput label={EOB_METHODS[method].reference} maxLength={50} classNames={{ input: 'mono' }} data-autofocus {...form.getInputProps('reference')} />
              <TextInput label="Payer claim number" maxLength={50} classNames={{ input: 'mono' }} {...form.getInputProps('payer_claim_number')} />
            </SimpleGrid>
            {claim.lines.map((l, i) => (
              <EobLine key={l.line_no} form={form} index={i} line={l} />
            ))}
            <div style={{ position: 'sticky', bottom: 0, zIndex: 5, background: 'var(--mantine-color-body)', borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 10 }}>
              <Group justify="space-between" align="center" wrap="wrap" gap="sm">
                <Stack gap={2}>
                  <Text size="sm" data-testid="eob-totals">
                    Payment <b className="num">{formatMoney(totals.paid)}</b> · adjusted <b className="num">{formatMoney(totals.adjusted)}</b> · patient’s
                    share <b className="num">{formatMoney(totals.patient)}</b> · charges <b className="num">{formatMoney(totals.charges)}</b>
                  </Text>
                  <Text size="sm" c={unbalanced.length ? 'red.8' : 'teal.9'} role="status" data-testid="eob-ready">
                    {unbalanced.length
                      ? `${unbalanced.length === 1 ? `Line ${unbalanced[0]} does` : `Lines ${unbalanced.join(', ')} do`} not balance yet: the EOB cannot be posted.`
                      : 'Every line balances.'}
                  </Text>
                </Stack>
                <Group gap="sm" ml="auto">
                  <Button variant="default" onClick={onClose}>
                    Cancel
                  </Button>
                  <Button type="submit" loading={form.submitting} disabled={unbalanced.length > 0}>
                    Post EOB
                  </Button>
                </Group>
              </Group>
            </div>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
