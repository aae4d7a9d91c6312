// A month's capitation payments: when each was received, how, its reference and amount (a
// take-back negative), and whether it still counts; one not reversed can be reversed.
import { useState } from 'react';
import { Badge, Button, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { CAP_METHODS, type CapPayment } from '../../../lib/capitation';
import { formatDate, formatMoney } from '../../../lib/format';
import { moneyColumn } from '../../../components/billing/money';
import { actionsColumn } from '../../../components/CursorTable';
import { ReverseCapPaymentDialog } from './ReverseCapPaymentDialog';

export function PaymentsTable({ payments, month, canWrite }: { payments: CapPayment[]; month: string; canWrite: boolean }) {
  const [reversing, setReversing] = useState<CapPayment | null>(null);
  return (
    <>
      <DataTable<CapPayment>
        aria-label="Payments"
        withTableBorder
        borderRadius="sm"
        striped
        minHeight={payments.length ? undefined : 120}
        records={payments}
        idAccessor="id"
        noRecordsText="No payment recorded for this month"
        rowStyle={(p) => (p.reversed_by ? { color: 'var(--mantine-color-dimmed)' } : undefined)}
        columns={[
          { accessor: 'received_on', title: 'Received', render: (p) => formatDate(p.received_on) },
          { accessor: 'method', title: 'Method', render: (p) => CAP_METHODS[p.method] ?? p.method },
          { accessor: 'reference', title: 'Reference', render: (p) => <Text size="sm" className="mono">{p.reference ?? ''}</Text> },
          moneyColumn<CapPayment>('amount_cents', 'Amount', (p) => p.amount_cents),
          {
            accessor: 'reversed_by',
            title: 'Status',
            render: (p) =>
              p.reversed_by ? (
                <Badge color="gray" variant="light">
                  Reversed
                </Badge>
              ) : (
                <Badge color="teal" variant="light">
                  Counts
                </Badge>
              ),
          },
          ...(canWrite
            ? [
                actionsColumn<CapPayment>((p) =>
                  p.reversed_by ? null : (
                    <Button size="compact-sm" variant="light" color="red" onClick={() => setReversing(p)} aria-label={`Reverse the payment of ${formatMoney(p.amount_cents)} received ${formatDate(p.received_on)}`}>
                      Reverse
                    </Button>
                  ),
                ),
              ]
            : []),
        ]}
      />
      {reversing ? <ReverseCapPaymentDialog payment={reversing} month={month} onClose={() => setReversing(null)} /> : null}
    </>
  );
}
