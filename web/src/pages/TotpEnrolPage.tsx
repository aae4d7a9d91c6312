// Two-step sign-in enrolment: the server makes a TOTP secret, the user adds it
// to an authenticator app and proves it with one code.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Center, Code, CopyButton, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiError, api, errorMessage } from '../lib/api';
import { useSession } from '../lib/session';
import { ErrorAlert } from '../components/ErrorAlert';

interface Secret {
  secret: string;
  otpauth_uri: string;
}

function group4(s: string): string {
  return s.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

export function TotpEnrolPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [secret, setSecret] = useState<Secret | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.trim()) ? null : 'Enter the 6-digit code your app shows') },
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setSecret(await api.post<Secret>('/me/totp'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = form.onSubmit(async ({ code }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/me/totp/confirm', { code: code.trim() });
      await session.enrolmentDone();
      notifications.show({ color: 'teal', title: 'Two-step sign-in is on', message: 'From now on you will be asked for a code when you sign in.' });
      navigate('/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'totp-invalid' || e.code === 'validation')) {
        form.setFieldError('code', 'That code is not right or has expired. Enter the current code from your app.');
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Box w="100%" maw={560}>
        <Paper p="xl" shadow="sm">
          <Stack gap="md">
            <Title order={1} size="h3">
              Set up two-step sign-in
            </Title>
            {session.enrolmentRequired ? (
              <Text>Your practice requires a second step when you sign in: a 6-digit code from an authenticator app on your phone.</Text>
            ) : (
              <Text>Protect your account with a 6-digit code from an authenticator app on your phone.</Text>
            )}
            <ErrorAlert error={error} />
            {!secret ? (
              <Group>
                <Button onClick={start} loading={busy}>
                  Start set-up
                </Button>
                {session.enrolmentRequired ? (
                  <Button variant="subtle" onClick={() => void session.signOut('signed-out')}>
                    Sign out
                  </Button>
                ) : (
                  <Button variant="subtle" onClick={() => navigate(-1)}>
                    Not now
                  </Button>
                )}
              </Group>
            ) : (
              <form onSubmit={confirm} noValidate>
                <Stack gap="md">
                  <List type="ordered" spacing="xs" size="sm">
                    <List.Item>Open your authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password).</List.Item>
                    <List.Item>Add an account by entering this key by hand (time-based):</List.Item>
                  </List>
                  <Group gap="sm" wrap="nowrap">
                    <Code block fz="md" style={{ flex: 1, letterSpacing: '0.05em', whiteSpace: 'normal', overflowWrap: 'anywhere' }} aria-label="Secret key">
                      {group4(secret.secret)}
                    </Code>
                    <CopyButton value={secret.secret.replace(/\s+/g, '')}>
                      {({ copied, copy }) => (
                        <Button variant="light" onClick={copy}>
                          {copied ? 'Copied' : 'Copy key'}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                  <Text size="sm" c="dimmed">
                    Or, if your app accepts a set-up link:
                  </Text>
                  <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} aria-label="Set-up link">
                    {secret.otpauth_uri}
                  </Code>
                  <TextInput
                    label="6-digit code from your app"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    classNames={{ input: 'mono' }}
                    required
                    {...form.getInputProps('code')}
                  />
                  <Group>
                    <Button type="submit" loading={busy}>
                      Turn on two-step sign-in
                    </Button>
                  </Group>
                </Stack>
              </form>
            )}
          </Stack>
        </Paper>
      </Box>
    </Center>
  );
}
