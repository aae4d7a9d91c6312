// Reversing a capitation payment recorded in error: says what happens to the month, asks why
// (the reason stays with the reversal in the journal), and posts the opposite entry once.
import { CAP_METHODS, useCapitationChanged, type CapPayment } from '../../../lib/capitation';
import { formatDate, formatMoney, formatMonth } from '../../../lib/format';
import { ReverseEntryDialog } from '../../../components/billing/ReverseEntryDialog';

export function ReverseCapPaymentDialog({ payment, month, onClose }: { payment: CapPayment; month: string; onClose: () => void }) {
  const changed = useCapitationChanged();
  const kind = payment.amount_cents < 0 ? 'take-back' : 'payment';
  return (
    <ReverseEntryDialog
      entryId={payment.entry_id}
      noun="payment"
      what={`${kind} of ${formatMoney(Math.abs(payment.amount_cents))} received ${formatDate(payment.received_on)}`}
      effect={` and the ${kind} (${CAP_METHODS[payment.method]}${payment.reference ? `, ${payment.reference}` : ''}) no longer counts towards ${formatMonth(
        month,
      )}. It stays in the list, marked reversed, and can be reversed only once.`}
      action="Reverse payment"
      placeholder="e.g. posted to the wrong month"
      onChanged={() => changed()}
      onClose={onClose}
    />
  );
}
