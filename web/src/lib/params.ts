// A page's state kept in its address (?date=&view=...), so a reload or a shared link
// shows the same thing. `set` changes several parameters at once without adding to the
// history; null or '' removes one.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [params, set] as const;
}
