// Automatic logoff. The server ends a session after `idle_timeout_seconds`
// without requests; here the user's own activity (keys, pointer, scroll) is
// what counts. While the user is active the server is pinged now and then so
// its clock follows. One minute before the end a warning offers "Stay signed
// in"; at the end the cache and the screen are cleared and the login page shows.
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { lastServerContact } from '../lib/api';
import { touchSession, useSession } from '../lib/session';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll'] as const;
const WARNING_SECONDS = 60;

export function IdleWatcher({ timeoutSeconds }: { timeoutSeconds: number }) {
  const { signOut, refreshMe } = useSession();
  const lastActivity = useRef(Date.now());
  const warningRef = useRef(false);
  const [warning, setWarning] = useState(false);
  const [remaining, setRemaining] = useState(WARNING_SECONDS);
  const [staying, setStaying] = useState(false);

  const timeoutMs = Math.max(timeoutSeconds, 90) * 1000;
  // Ping the server at most this often while the user is active; the client
  // ends the session this much earlier than the server would, never later.
  const pingEveryMs = Math.min(30_000, timeoutMs / 4);
  const deadlineMs = timeoutMs - pingEveryMs;

  useEffect(() => {
    let lastPing = 0;
    const onActivity = () => {
      if (warningRef.current) return; // only "Stay signed in" counts once warned
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastServerContact() > pingEveryMs && now - lastPing > pingEveryMs) {
        lastPing = now;
        touchSession().catch(() => undefined);
      }
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, onActivity, { passive: true, capture: true });
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, onActivity, { capture: true });
    };
  }, [pingEveryMs]);

  useEffect(() => {
    const tick = () => {
      const idle = Date.now() - lastActivity.current;
      const left = Math.ceil((deadlineMs - idle) / 1000);
      if (left <= 0) {
        warningRef.current = false;
        setWarning(false);
        void signOut('idle');
        return;
      }
      if (left <= WARNING_SECONDS) {
        if (!warningRef.current) {
          warningRef.current = true;
          setWarning(true);
        }
        setRemaining(left);
      }
    };
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [deadlineMs, signOut]);

  const stay = async () => {
    setStaying(true);
    try {
      const me = await refreshMe();
      if (me) {
        lastActivity.current = Date.now();
        warningRef.current = false;
        setWarning(false);
      }
    } catch {
      // network trouble: keep the warning; the timer still runs
    } finally {
      setStaying(false);
    }
  };

  const mm = Math.floor(remaining / 60);
  const ss = String(remaining % 60).padStart(2, '0');

  return (
    <Modal
      opened={warning}
      onClose={stay}
      title="Are you still there?"
      closeOnClickOutside={false}
      withCloseButton={false}
      centered
      zIndex={1000}
      overlayProps={{ backgroundOpacity: 0.6, blur: 8 }}
    >
      <Text mb="md" aria-live="polite">
        For privacy you will be signed out in {mm}:{ss} because there has been no activity.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void signOut('signed-out')}>
          Sign out now
        </Button>
        <Button onClick={stay} loading={staying} data-autofocus>
          Stay signed in
        </Button>
      </Group>
    </Modal>
  );
}
