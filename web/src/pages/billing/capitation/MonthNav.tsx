// The month a contract's page shows: the previous and next month a press away, any month of
// the contract's period from a picker, and "This month".
import type { ReactNode } from 'react';
import { ActionIcon, Button, Group, Tooltip } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { addMonths, contractMonths, inForce, thisMonth, type CapitationContract } from '../../../lib/capitation';
import { formatMonth } from '../../../lib/format';

export function MonthNav({ contract, month, onChange }: { contract: CapitationContract; month: string; onChange: (month: string) => void }) {
  const { first, last } = contractMonths(contract);
  const prev = addMonths(month, -1);
  const next = addMonths(month, 1);
  const now = thisMonth();
  const step = (to: string, label: string, icon: ReactNode) => {
    const ok = inForce(to, contract);
    return (
      <Tooltip label={ok ? formatMonth(to) : 'Outside the contract’s period'}>
        <ActionIcon variant="default" size="lg" aria-label={`${label}: ${formatMonth(to)}`} disabled={!ok} onClick={() => onChange(to)}>
          {icon}
        </ActionIcon>
      </Tooltip>
    );
  };
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <MonthPickerInput
        label="Month"
        w={170}
        valueFormat="MMMM YYYY"
        value={`${month}-01`}
        minDate={`${first}-01`}
        maxDate={last ? `${last}-01` : undefined}
        onChange={(v) => v && onChange(String(v).slice(0, 7))}
        popoverProps={{ withinPortal: true }}
      />
      {step(prev, 'Previous month', <IconChevronLeft size={18} />)}
      {step(next, 'Next month', <IconChevronRight size={18} />)}
      {month !== now && inForce(now, contract) ? (
        <Button variant="subtle" onClick={() => onChange(now)}>
          This month
        </Button>
      ) : null}
    </Group>
  );
}
