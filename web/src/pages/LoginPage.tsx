import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Anchor, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError, errorMessage } from '../lib/api';
import { EMAIL_RE } from '../lib/forms';
import { useSession } from '../lib/session';
import { ErrorAlert } from '../components/ErrorAlert';

interface Values {
  email: string;
  password: string;
  totp: string;
}

const REASONS: Record<string, string> = {
  idle: 'You were signed out after a period of inactivity. The screen was cleared to protect patient privacy.',
  expired: 'Your session ended. Please sign in again.',
  'signed-out': 'You have signed out.',
};

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  const form = useForm<Values>({
    initialValues: { email: '', password: '', totp: '' },
    validate: {
      email: (v) => (!v.trim() ? 'Enter your email address' : !EMAIL_RE.test(v.trim()) ? 'Enter a valid email address' : null),
      password: (v) => (!v ? 'Enter your password' : null),
      totp: (v) => (needTotp && !/^\d{6}$/.test(v.trim()) ? 'Enter the 6-digit code from your authenticator app' : null),
    },
  });

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (session.state.status === 'authed') {
    return <Navigate to={session.enrolmentRequired ? '/enrol-totp' : from || '/'} replace />;
  }
  const reason = session.state.status === 'anon' ? session.state.reason : undefined;

  const submit = form.onSubmit(async (v) => {
    setError(null);
    setBusy(true);
    try {
      const r = await session.signIn(v.email.trim(), v.password, needTotp ? v.totp.trim() : undefined);
      navigate(r.enrolmentRequired ? '/enrol-totp' : from || '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        switch (e.code) {
          case 'totp-required':
            setNeedTotp(true);
            setError(null);
            break;
          case 'totp-invalid':
            setNeedTotp(true);
            form.setFieldValue('totp', '');
            form.setFieldError('totp', 'That code is not right or has expired. Enter the current code.');
            totpRef.current?.focus();
            break;
          case 'locked':
            setError('This account is locked after too many failed sign-in attempts. Wait a few minutes or ask your administrator.');
            break;
          case 'unauthorized':
            setError('The email or password is not correct.');
            form.setFieldValue('password', '');
            break;
          case 'validation':
            setError(e.fieldErrors.map((f) => f.message).join(' ') || errorMessage(e));
            break;
          default:
            setError(errorMessage(e));
        }
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center mih="100vh" p="md" bg="var(--praxis-page-bg)">
      <Box w="100%" maw={420}>
        <Stack align="center" gap={4} mb="lg">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <Title order={1} size="h2">
            Praxis
          </Title>
          <Text c="dimmed" size="sm">
            Practice management
          </Text>
        </Stack>
        <Paper p="xl" shadow="sm">
          <form onSubmit={submit} noValidate aria-label="Sign in">
            <Stack gap="md">
              <Title order={2} size="h4">
                Sign in
              </Title>
              {reason && !error ? (
                <Alert color={reason === 'idle' ? 'yellow' : 'blue'} role="status">
                  {REASONS[reason]}
                </Alert>
              ) : null}
              <ErrorAlert error={error} />
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                required
                autoFocus
                readOnly={needTotp}
                {...form.getInputProps('email')}
              />
              <PasswordInput label="Password" autoComplete="current-password" required readOnly={needTotp} {...form.getInputProps('password')} />
              {needTotp ? (
                <>
                  <TextInput
                    ref={totpRef}
                    label="Authentication code"
                    description="Open your authenticator app and enter the 6-digit code for Praxis."
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    required
                    classNames={{ input: 'mono' }}
                    {...form.getInputProps('totp')}
                  />
                </>
              ) : null}
              <Button type="submit" loading={busy} fullWidth>
                {needTotp ? 'Verify and sign in' : 'Sign in'}
              </Button>
              {needTotp ? (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setNeedTotp(false);
                    form.setFieldValue('totp', '');
                  }}
                >
                  Use a different account
                </Anchor>
              ) : null}
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
