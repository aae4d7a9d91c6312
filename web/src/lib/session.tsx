// Who is signed in. Holds GET /api/v1/me, the CSRF token (in memory only) and
// the sign-in / sign-out steps. Any 401 from the API ends the session here:
// the query cache is cleared and the router sends the user to the login page.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { ApiError, api, onUnauthorized, request, setCsrfToken } from './api';
import type { LoginResponse, Me, Permission } from './types';

export type SignOutReason = 'signed-out' | 'idle' | 'expired';

type State =
  | { status: 'loading' }
  | { status: 'anon'; reason?: SignOutReason }
  | { status: 'authed'; me: Me; enrolmentRequired: boolean };

export interface Session {
  state: State;
  me: Me | null;
  enrolmentRequired: boolean;
  can: (permission: Permission) => boolean;
  hasRole: (role: string) => boolean;
  signIn: (email: string, password: string, totp?: string) => Promise<{ enrolmentRequired: boolean }>;
  signOut: (reason?: SignOutReason) => Promise<void>;
  refreshMe: () => Promise<Me | null>;
  enrolmentDone: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

const DEFAULT_IDLE_SECONDS = 15 * 60;

function needsEnrolment(me: Me): boolean {
  if (typeof me.totp_enrolment_required === 'boolean') return me.totp_enrolment_required;
  return Boolean(me.practice?.require_totp && !me.user?.totp_enabled);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;

  const endLocally = useCallback(
    (reason: SignOutReason) => {
      setCsrfToken(null);
      setState({ status: 'anon', reason });
      void queryClient.cancelQueries();
      queryClient.clear();
      // Toasts may name a patient: they go with the rest of the screen.
      notifications.clean();
      notifications.cleanQueue();
    },
    [queryClient],
  );

  // A 401 anywhere means the server no longer knows this session.
  useEffect(() => {
    onUnauthorized(() => {
      if (stateRef.current.status === 'authed') endLocally('expired');
    });
    return () => onUnauthorized(null);
  }, [endLocally]);

  const loadMe = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await request<Me>('GET', '/me', { expectUnauthorized: true });
      if (me.csrf_token) setCsrfToken(me.csrf_token);
      if (!me.idle_timeout_seconds) me.idle_timeout_seconds = DEFAULT_IDLE_SECONDS;
      return me;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
      throw e;
    }
  }, []);

  // On first load: is there already a session cookie?
  useEffect(() => {
    let cancelled = false;
    loadMe()
      .then((me) => {
        if (cancelled) return;
        setState(me ? { status: 'authed', me, enrolmentRequired: needsEnrolment(me) } : { status: 'anon' });
      })
      .catch(() => {
        if (!cancelled) setState({ status: 'anon' });
      });
    return () => {
      cancelled = true;
    };
  }, [loadMe]);

  const signIn = useCallback(
    async (email: string, password: string, totp?: string) => {
      const body: Record<string, string> = { email, password };
      if (totp) body.totp = totp;
      const res = await request<LoginResponse>('POST', '/session', { body, expectUnauthorized: true });
      setCsrfToken(res.csrf_token);
      queryClient.clear();
      let me = await loadMe().catch(() => null);
      if (!me) {
        // Some servers answer /me only after enrolment; keep what the login told us.
        me = {
          user: {
            id: res.user.id,
            email: res.user.email,
            display_name: res.user.display_name ?? res.user.email,
            roles: res.user.roles ?? [],
            totp_enabled: res.user.totp_enabled ?? false,
          },
          practice: { id: 0, name: '', require_totp: true },
          permissions: [],
          csrf_token: res.csrf_token,
          idle_timeout_seconds: DEFAULT_IDLE_SECONDS,
        };
      }
      const enrolmentRequired = Boolean(res.totp_enrolment_required) || needsEnrolment(me);
      setState({ status: 'authed', me, enrolmentRequired });
      return { enrolmentRequired };
    },
    [loadMe, queryClient],
  );

  const signOut = useCallback(
    async (reason: SignOutReason = 'signed-out') => {
      try {
        await request<void>('DELETE', '/session', { expectUnauthorized: true });
      } catch {
        // The session may already be gone on the server; the screen is cleared regardless.
      }
      endLocally(reason);
    },
    [endLocally],
  );

  const refreshMe = useCallback(async () => {
    const me = await loadMe();
    if (!me) {
      if (stateRef.current.status === 'authed') endLocally('expired');
      return null;
    }
    setState((s) => (s.status === 'authed' ? { status: 'authed', me, enrolmentRequired: s.enrolmentRequired && needsEnrolment(me) } : s));
    return me;
  }, [loadMe, endLocally]);

  const enrolmentDone = useCallback(async () => {
    const me = await loadMe();
    setState((s) => {
      if (s.status !== 'authed') return s;
      return { status: 'authed', me: me ?? { ...s.me, user: { ...s.me.user, totp_enabled: true } }, enrolmentRequired: false };
    });
  }, [loadMe]);

  const value = useMemo<Session>(() => {
    const me = state.status === 'authed' ? state.me : null;
    const perms = new Set(me?.permissions ?? []);
    const roles = new Set(me?.user.roles ?? []);
    return {
      state,
      me,
      enrolmentRequired: state.status === 'authed' && state.enrolmentRequired,
      can: (p) => perms.has(p),
      hasRole: (r) => roles.has(r),
      signIn,
      signOut,
      refreshMe,
      enrolmentDone,
    };
  }, [state, signIn, signOut, refreshMe, enrolmentDone]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Ping the server so its idle clock follows the user's activity. */
export function touchSession(): Promise<unknown> {
  return api.get('/me');
}
