// The page a patient opens from a reminder (e-mail or text): public, no sign-in, outside
// the staff app's shell. It shows the appointment (practice, place, when) and acts only
// when the patient presses a button: mail scanners open links in advance, so loading the
// page must never confirm or cancel anything. Made for phones: one column, large buttons,
// plain words.
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Box, Button, Center, Container, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCalendarCheck, IconCalendarX, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { ApiError, request } from '../../lib/api';
import type { AppointmentLinkView } from '../../lib/schedule';

type Action = 'confirm' | 'cancel';

const TOKEN_RE = /^[A-Za-z0-9_-]{20,200}$/;

/** Big, full-width buttons whose words wrap on a narrow phone instead of being cut. */
const BIG = {
  size: 'xl',
  fullWidth: true,
  styles: { root: { height: 'auto', minHeight: 60, paddingBlock: 10 }, label: { whiteSpace: 'normal', lineHeight: 1.25, textAlign: 'center' } },
} as const;

function getView(token: string, signal?: AbortSignal) {
  return request<AppointmentLinkView>('GET', '/appointment-link', { query: { token }, expectUnauthorized: true, signal });
}

function act(token: string, action: Action) {
  return request<AppointmentLinkView>('POST', '/appointment-link', { body: { token, action }, expectUnauthorized: true });
}

/** Why the buttons are not offered, in plain words. */
function whyNot(v: AppointmentLinkView): { title: string; text: string; tone: 'done' | 'info' } {
  const past = Date.parse(v.start) < Date.now();
  if (v.used_action === 'confirm')
    return v.status === 'cancelled'
      ? { title: 'This appointment has been cancelled', text: 'You confirmed it with this link earlier; it has since been cancelled.', tone: 'info' }
      : { title: 'You have already confirmed this appointment', text: 'Thank you. There is nothing more to do.', tone: 'done' };
  if (v.used_action === 'cancel') return { title: 'This appointment is cancelled', text: 'It was cancelled with this link.', tone: 'done' };
  if (v.status === 'cancelled') return { title: 'This appointment has been cancelled', text: 'It can no longer be confirmed.', tone: 'info' };
  if (['arrived', 'roomed', 'with_provider', 'checked_out'].includes(v.status))
    return { title: 'This appointment has already taken place', text: 'There is nothing to confirm or cancel.', tone: 'info' };
  if (v.status === 'no_show' || past) return { title: 'The time of this appointment has passed', text: 'There is nothing to confirm or cancel.', tone: 'info' };
  return {
    title: 'This link has expired',
    text: 'Links in reminders work for a limited time. To confirm or change your appointment, please call the practice.',
    tone: 'info',
  };
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <Box bg="var(--praxis-page-bg)" mih="100dvh" py={{ base: 'md', sm: 'xl' }}>
      <Container size={520} px="md">
        <main>{children}</main>
      </Container>
    </Box>
  );
}

function Result({ icon, color, title, children }: { icon: React.ReactNode; color: string; title: string; children?: React.ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), [title]);
  return (
    <Stack gap="sm" align="center" ta="center" role="status" data-testid="link-result">
      <ThemeIcon size={64} radius="xl" color={color} variant="light" aria-hidden>
        {icon}
      </ThemeIcon>
      <Title order={2} size="h3" ref={ref} tabIndex={-1} style={{ outline: 'none' }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

export function AppointmentLinkPage() {
  const [params] = useSearchParams();
  const token = (params.get('token') ?? '').trim();
  const valid = TOKEN_RE.test(token);
  const queryClient = useQueryClient();
  const view = useQuery({
    queryKey: ['appointment-link', token],
    queryFn: ({ signal }) => getView(token, signal),
    enabled: valid,
    retry: (n, e) => !(e instanceof ApiError && e.status > 0 && e.status < 500) && n < 1,
    staleTime: Infinity,
  });
  const [step, setStep] = useState<'choose' | 'cancel'>('choose');
  const [busy, setBusy] = useState<Action | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const v = view.data;
  useEffect(() => {
    document.title = v ? `${v.practice}: your appointment` : 'Your appointment';
  }, [v]);

  const run = async (action: Action) => {
    setBusy(action);
    setFailure(null);
    try {
      const after = await act(token, action);
      queryClient.setQueryData(['appointment-link', token], after);
      setDone(action);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
        // Used meanwhile (another tab, the practice) or expired: show what it is now.
        setStep('choose');
        await view.refetch();
        setFailure('This link can no longer be used. Here is where your appointment stands.');
      } else if (e instanceof ApiError && e.status === 0) {
        setFailure('We could not reach the practice. Check your internet connection and try again.');
      } else {
        setFailure('Something went wrong, and nothing was changed. Please try again, or call the practice.');
      }
    } finally {
      setBusy(null);
    }
  };

  if (!valid || (view.isError && view.error instanceof ApiError && view.error.status === 404))
    return (
      <Shell>
        <Paper p={{ base: 'md', sm: 'lg' }} radius="lg">
          <Result icon={<IconAlertTriangle size={36} />} color="orange" title="This link does not work">
            <Text size="lg">
              It may be incomplete: open it again from your reminder, or copy the whole link. To confirm or change your appointment, please call
              the practice.
            </Text>
          </Result>
        </Paper>
      </Shell>
    );

  if (view.isError)
    return (
      <Shell>
        <Paper p={{ base: 'md', sm: 'lg' }} radius="lg">
          <Result icon={<IconAlertTriangle size={36} />} color="orange" title="We could not load your appointment">
            <Text size="lg">Check your internet connection and try again.</Text>
            <Button {...BIG} onClick={() => void view.refetch()} loading={view.isFetching}>
              Try again
            </Button>
          </Result>
        </Paper>
      </Shell>
    );

  if (!v)
    return (
      <Shell>
        <Center py="xl">
          <Loader aria-label="Loading your appointment" />
        </Center>
      </Shell>
    );

  const reason = !v.actionable && !done ? whyNot(v) : null;
  const confirmed = v.status === 'confirmed';

  return (
    <Shell>
      <Stack gap="md">
        <div>
          <Text size="md" c="dimmed">
            Your appointment with
          </Text>
          <Title order={1} size="h2" data-testid="link-practice">
            {v.practice}
          </Title>
        </div>

        <Paper p={{ base: 'md', sm: 'lg' }} radius="lg" data-testid="link-appointment">
          <Stack gap="xs">
            <div>
              <Text size="sm" c="dimmed" fw={500}>
                When
              </Text>
              <Text size="xl" fw={700} data-testid="link-when" style={{ textDecoration: v.status === 'cancelled' ? 'line-through' : undefined }}>
                {v.when}
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed" fw={500}>
                Where
              </Text>
              <Text size="lg">{v.location}</Text>
            </div>
          </Stack>
        </Paper>

        {failure ? (
          <Alert color="orange" icon={<IconInfoCircle size={20} />} role="alert">
            <Text size="md">{failure}</Text>
          </Alert>
        ) : null}

        {done === 'confirm' ? (
          <Paper p={{ base: 'md', sm: 'lg' }} radius="lg">
            <Result icon={<IconCircleCheck size={40} />} color="teal" title="Thank you: your appointment is confirmed">
              <Text size="lg">We look forward to seeing you. If your plans change, please call the practice.</Text>
            </Result>
          </Paper>
        ) : done === 'cancel' ? (
          <Paper p={{ base: 'md', sm: 'lg' }} radius="lg">
            <Result icon={<IconCalendarX size={40} />} color="gray" title="Your appointment is cancelled">
              <Text size="lg">Thank you for letting us know. To book another time, please call the practice.</Text>
            </Result>
          </Paper>
        ) : reason ? (
          <Paper p={{ base: 'md', sm: 'lg' }} radius="lg">
            <Result
              icon={reason.tone === 'done' ? <IconCircleCheck size={40} /> : <IconInfoCircle size={40} />}
              color={reason.tone === 'done' ? 'teal' : 'gray'}
              title={reason.title}
            >
              <Text size="lg">{reason.text}</Text>
            </Result>
          </Paper>
        ) : step === 'cancel' ? (
          <Paper p={{ base: 'md', sm: 'lg' }} radius="lg" data-testid="link-cancel-step">
            <Stack gap="md">
              <Title order={2} size="h3">
                Cancel this appointment?
              </Title>
              <Text size="lg">
                Your time will be offered to another patient. To book a new time, please call the practice.
              </Text>
              <Button {...BIG} color="red.9" onClick={() => void run('cancel')} loading={busy === 'cancel'} data-autofocus>
                Yes, cancel my appointment
              </Button>
              <Button {...BIG} variant="default" onClick={() => setStep('choose')} disabled={busy !== null}>
                No, keep my appointment
              </Button>
            </Stack>
          </Paper>
        ) : (
          <Stack gap="md">
            {confirmed ? (
              <Alert color="teal" icon={<IconCircleCheck size={20} />}>
                <Text size="md">This appointment is already confirmed.</Text>
              </Alert>
            ) : (
              <Text size="lg" fw={500}>
                Can you come?
              </Text>
            )}
            {!confirmed ? (
              <Button
                {...BIG}
                leftSection={<IconCalendarCheck size={24} />}
                onClick={() => void run('confirm')}
                loading={busy === 'confirm'}
                disabled={busy !== null}
              >
                Confirm
              </Button>
            ) : null}
            <Button
              {...BIG}
              variant="outline"
              color="red.9"
              leftSection={<IconCalendarX size={24} />}
              onClick={() => setStep('cancel')}
              disabled={busy !== null}
            >
              I can’t come — cancel
            </Button>
          </Stack>
        )}

        <Text size="sm" c="dimmed" ta="center" mt="md">
          This link works once. It shows no medical information.
        </Text>
      </Stack>
    </Shell>
  );
}
