// How many items of a worklist are open, beside its link in the navigation; nothing when none.
import { Badge } from '@mantine/core';
import { useOpenCount, type WorklistName } from '../lib/worklists';

export function NavCount({ which }: { which: WorklistName }) {
  const q = useOpenCount(which);
  if (!q.data || q.data === '0') return null;
  return (
    <Badge size="xs" variant="light" color="orange" className="num" data-testid={`nav-count-${which}`}>
      {q.data}
      <span className="visually-hidden"> open</span>
    </Badge>
  );
}
