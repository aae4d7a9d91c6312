// Reversing a posting entered in error: says what the opposite entry will do to the balances,
// asks why (the reason stays in the account with the reversal), and posts it once.
import { ApiError } from '../../../lib/api';
import { formatDate, formatMoney } from '../../../lib/format';
import { ENTRY_KINDS, useLedgerChanged } from '../../../lib/ledger';
import type { AccountEntry } from '../../../lib/types';
import { ReverseEntryDialog } from '../ReverseEntryDialog';

/** "Insurance owes +$65.00, Patient owes −$10.00": what undoing the entry does. */
function effect(e: AccountEntry): string {
  const parts: [string, number][] = [
    ['Insurance owes', -e.insurance_cents],
    ['Patient owes', -e.patient_cents],
    ['Credit', -e.credit_cents],
  ];
  const moved = parts.filter(([, c]) => c !== 0).map(([label, c]) => `${label} ${c > 0 ? '+' : ''}${formatMoney(c)}`);
  return moved.length ? moved.join(', ') : 'no change to the balances';
}

export function ReverseDialog({ entry, patientId, onClose }: { entry: AccountEntry; patientId: number; onClose: () => void }) {
  const changed = useLedgerChanged();
  const kind = ENTRY_KINDS[entry.kind].toLowerCase();
  return (
    <ReverseEntryDialog
      entryId={entry.id}
      noun="entry"
      what={`${kind} of ${formatDate(entry.effective_date)}`}
      effect={`: ${effect(entry)}. The ${kind} stays in the account, marked reversed, and can be reversed only once.`}
      action="Reverse entry"
      placeholder="e.g. posted to the wrong patient"
      onChanged={(failure) => {
        if (!failure || (failure instanceof ApiError && failure.status === 409)) changed(patientId);
      }}
      onClose={onClose}
    />
  );
}
