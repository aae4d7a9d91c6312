// The superbill's service lines: procedure code, modifiers, units, diagnosis pointers, and
// the fee from the charge master with the line's charge, then the total.
import { ActionIcon, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { MAX_LINES, PROC_CODE_RE } from '../../lib/billing';
import { formatMoney } from '../../lib/format';
import type { FeeQuote } from '../../lib/types';
import { CodeInput } from './CodeInput';
import { emptyLine, type EncounterForm, type LineValues } from './encounterForm';
import { ModifierInputs } from './ModifierInputs';
import { PointerToggles } from './PointerToggles';

/** The charge master's fee for each line on the date (and what the payer should pay, when known). */
function useLineQuotes(lines: LineValues[], date: string | null, payerId?: number | null) {
  return useQueries({
    queries: lines.map((l) => {
      const code = l.code.trim().toUpperCase();
      const modifier = l.modifiers.map((m) => m.trim().toUpperCase()).find(Boolean) ?? '';
      return {
        queryKey: ['fee-quote', code, modifier, date, payerId ?? null],
        queryFn: ({ signal }: { signal: AbortSignal }) => api.get<FeeQuote>('/fees/quote', { code, modifier, date, payer_id: payerId }, signal),
        enabled: Boolean(date) && PROC_CODE_RE.test(code) && (!modifier || /^[A-Z0-9]{2}$/.test(modifier)),
        staleTime: 5 * 60_000,
      };
    }),
  });
}

function LineFee({ quote, units, loading }: { quote: FeeQuote | undefined; units: number; loading: boolean }) {
  if (!quote)
    return (
      <Text size="sm" c="dimmed" className="num">
        {loading ? 'Pricing…' : '—'}
      </Text>
    );
  if (quote.fee_cents === null)
    return (
      <Text size="sm" c="orange.9">
        No fee in the charge master
      </Text>
    );
  return (
    <div className="num">
      <Text size="sm" fw={600} data-testid="line-charge">
        {formatMoney(quote.fee_cents * units)}
      </Text>
      <Text size="xs" c="dimmed">
        {units > 1 ? `${formatMoney(quote.fee_cents)} × ${units}` : 'fee'}
        {quote.expected_cents !== null ? ` · expected ${formatMoney(quote.expected_cents * units)}` : ''}
      </Text>
    </div>
  );
}

export function ServiceLines({ form, date, payerId }: { form: EncounterForm; date: string | null; payerId?: number | null }) {
  const { lines, diagnoses } = form.values;
  const quotes = useLineQuotes(lines, date, payerId);
  const units = (l: LineValues) => (Number.isInteger(Number(l.units)) && Number(l.units) > 0 ? Number(l.units) : 0);
  const priced = quotes.every((q, i) => q.data?.fee_cents !== undefined && q.data?.fee_cents !== null && units(lines[i]) > 0);
  const total = quotes.reduce((sum, q, i) => sum + (q.data?.fee_cents ?? 0) * units(lines[i]), 0);
  const setMod = (li: number, mi: number, v: string) => {
    form.setFieldValue(`lines.${li}.modifiers.${mi}`, v);
    form.clearFieldError(`lines.${li}.modifiers`);
  };
  return (
    <Stack gap="xs">
      <Text fw={600}>Services</Text>
      {lines.map((l, i) => {
        const err = (part: string) => form.errors[`lines.${i}.${part}`];
        const messages = (['code', 'modifiers', 'units', 'pointers'] as const).map((p) => err(p)).filter(Boolean);
        return (
          <div className="service-line" key={l.key} data-testid={`line-${i + 1}`}>
            <Group gap="sm" align="flex-start" wrap="nowrap">
              <Text size="sm" fw={600} mt={30} w={16} aria-hidden>
                {i + 1}
              </Text>
              <div style={{ flex: 1, minWidth: 110 }}>
                <CodeInput
                  set="hcpcs"
                  label="Procedure"
                  ariaLabel={`Line ${i + 1} procedure`}
                  placeholder="CPT / HCPCS"
                  date={date}
                  value={l.code}
                  error={Boolean(err('code'))}
                  onChange={(v) => form.setFieldValue(`lines.${i}.code`, v)}
                />
              </div>
              <ModifierInputs label={`Line ${i + 1} modifier`} value={l.modifiers} invalid={Boolean(err('modifiers'))} onChange={(mi, v) => setMod(i, mi, v)} />
              <NumberInput
                label="Units"
                aria-label={`Line ${i + 1} units`}
                w={72}
                min={1}
                max={9999}
                allowDecimal={false}
                {...form.getInputProps(`lines.${i}.units`)}
                error={Boolean(err('units'))}
              />
            </Group>
            <Group gap="sm" align="flex-end" wrap="nowrap" mt={6} pl={28}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <PointerToggles
                  label={`Line ${i + 1} diagnoses`}
                  diagnoses={diagnoses}
                  value={l.pointers}
                  invalid={Boolean(err('pointers'))}
                  onChange={(v) => form.setFieldValue(`lines.${i}.pointers`, v)}
                />
              </div>
              <LineFee quote={quotes[i]?.data} units={units(l)} loading={quotes[i]?.isFetching ?? false} />
              <ActionIcon variant="subtle" color="gray" mb={4} aria-label={`Remove line ${i + 1}`} disabled={lines.length === 1} onClick={() => form.removeListItem('lines', i)}>
                <IconX size={16} />
              </ActionIcon>
            </Group>
            {messages.length ? (
              <Stack gap={2} mt={6} pl={28}>
                {messages.map((m, k) => (
                  <Text size="xs" c="red.8" key={k} role="alert">
                    {m}
                  </Text>
                ))}
              </Stack>
            ) : null}
          </div>
        );
      })}
      <Group justify="space-between" align="center">
        {lines.length < MAX_LINES ? (
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('lines', emptyLine())}>
            Add service line
          </Button>
        ) : (
          <span />
        )}
        <Group gap="md" pr={36}>
          <Text size="sm" c="dimmed">
            Total charges
          </Text>
          <Text fw={700} className="num" data-testid="superbill-total" miw={90}>
            {priced ? formatMoney(total) : total ? `${formatMoney(total)}+` : '—'}
          </Text>
        </Group>
      </Group>
      {typeof form.errors.lines === 'string' ? (
        <Text size="sm" c="red.8">
          {form.errors.lines}
        </Text>
      ) : null}
    </Stack>
  );
}
