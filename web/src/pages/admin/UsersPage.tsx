import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconUserPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { ApiError, api, errorMessage } from '../../lib/api';
import { applyServerErrors, EMAIL_RE } from '../../lib/forms';
import { formatDateTime, roleLabel } from '../../lib/format';
import { LoadMore, useCursorList } from '../../lib/lists';
import { useSession } from '../../lib/session';
import { ACTIVE_STATUS } from '../../lib/status';
import { ROLES, type User } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';

function RoleChecks({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error?: React.ReactNode }) {
  return (
    <Checkbox.Group label="Roles" description="Each role grants a set of permissions. Give the fewest that do the job." value={value} onChange={onChange} error={error}>
      <SimpleGrid cols={2} mt="xs" spacing="xs">
        {ROLES.map((r) => (
          <Checkbox key={r} value={r} label={roleLabel(r)} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: '', display_name: '', roles: [] as string[], password: '' },
    validateInputOnBlur: true,
    validate: {
      email: (v) => (!v.trim() ? 'Email is required' : !EMAIL_RE.test(v.trim()) ? 'Enter a valid email address' : null),
      display_name: (v) => (!v.trim() ? 'Name is required' : null),
      roles: (v) => (v.length === 0 ? 'Choose at least one role' : null),
      password: (v) => (v.length < 12 ? 'Use at least 12 characters' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const u = await api.post<User>('/users', { email: v.email.trim(), display_name: v.display_name.trim(), roles: v.roles, password: v.password });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', title: 'User created', message: `${u.display_name} can now sign in.` });
      form.reset();
      onClose();
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (!(e instanceof ApiError) || !e.fieldErrors.length || rest.length) setError(errorMessage(e));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title="New user" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error ? (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          ) : null}
          <TextInput label="Email" type="email" required data-autofocus {...form.getInputProps('email')} />
          <TextInput label="Full name" required {...form.getInputProps('display_name')} />
          <RoleChecks value={form.values.roles} onChange={(v) => form.setFieldValue('roles', v)} error={form.errors.roles} />
          <PasswordInput
            label="Initial password"
            description="Tell the user in person or by phone; they should change it after signing in."
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RolesModal({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (roles.length === 0) {
      setError('Choose at least one role, or disable the user instead.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.patch<User>(`/users/${user.id}`, { version: user.version, roles });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: `Roles of ${user.display_name} changed.` });
      onClose();
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'version-conflict'
          ? 'Someone else changed this user meanwhile. Close this dialog to see the latest roles, then try again.'
          : errorMessage(e),
      );
      if (e instanceof ApiError && e.code === 'version-conflict') void queryClient.invalidateQueries({ queryKey: ['users'] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Roles of ${user.display_name}`} size="lg">
      <Stack>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <RoleChecks value={roles} onChange={setRoles} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={save} loading={busy}>
            Save roles
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DisableModal({ user, onClose }: { user: User; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const disable = !user.disabled;
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.patch<User>(`/users/${user.id}`, { version: user.version, disabled: disable });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: `${user.display_name} ${disable ? 'disabled' : 'enabled'}.` });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={disable ? `Disable ${user.display_name}?` : `Enable ${user.display_name}?`}>
      <Stack>
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Text size="sm">
          {disable
            ? `${user.email} will be signed out everywhere and will not be able to sign in. Their history stays in the audit trail. You can enable the account again later.`
            : `${user.email} will be able to sign in again with their current password.`}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={disable ? 'red.9' : undefined} onClick={go} loading={busy}>
            {disable ? 'Disable user' : 'Enable user'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function UsersPage() {
  const session = useSession();
  const canWrite = session.can('user.write');
  const list = useCursorList<User>(['users'], '/users');
  const [creating, setCreating] = useState(false);
  const [rolesFor, setRolesFor] = useState<User | null>(null);
  const [disableFor, setDisableFor] = useState<User | null>(null);

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to this practice, with their roles."
        actions={
          canWrite ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>
              New user
            </Button>
          ) : null
        }
      />
      <Paper p="md">
        {list.isError ? (
          <QueryState error={list.error} retry={() => void list.refetch()} />
        ) : (
          <DataTable<User>
            aria-label="Users"
            withTableBorder
            borderRadius="sm"
            striped
            minHeight={list.items.length ? undefined : 160}
            fetching={list.isLoading}
            records={list.items}
            idAccessor="id"
            noRecordsText="No users"
            columns={[
              {
                accessor: 'display_name',
                title: 'User',
                render: (u) => (
                  <>
                    <Text fw={500} size="sm">
                      {u.display_name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {u.email}
                    </Text>
                  </>
                ),
              },
              { accessor: 'roles', title: 'Roles', render: (u) => <Text size="sm">{u.roles.map(roleLabel).join(', ')}</Text> },
              {
                accessor: 'disabled',
                title: 'Status',
                width: 120,
                render: (u) => (
                  <>
                    <StatusBadge status={u.disabled ? 'disabled' : 'active'} map={ACTIVE_STATUS} />
                    <Text size="xs" c="dimmed" mt={2}>
                      Two-step {u.totp_enabled ? 'on' : 'off'}
                    </Text>
                  </>
                ),
              },
              {
                accessor: 'last_login_at',
                title: 'Last sign-in',
                width: 170,
                noWrap: true,
                render: (u) => (u.last_login_at ? formatDateTime(u.last_login_at, undefined, { weekday: false }) : 'Never'),
              },
              ...(canWrite
                ? [
                    {
                      accessor: 'actions',
                      title: <span className="visually-hidden">Actions</span>,
                      textAlign: 'right' as const,
                      render: (u: User) => (
                        <Group gap={6} justify="flex-end" wrap="nowrap">
                          <Button size="compact-sm" variant="light" onClick={() => setRolesFor(u)} aria-label={`Change roles of ${u.display_name}`}>
                            Roles
                          </Button>
                          {u.id !== session.me?.user.id ? (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color={u.disabled ? 'praxis' : 'red.9'}
                              onClick={() => setDisableFor(u)}
                              aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.display_name}`}
                            >
                              {u.disabled ? 'Enable' : 'Disable'}
                            </Button>
                          ) : null}
                        </Group>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} noun="users" />
      </Paper>
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      {rolesFor ? <RolesModal user={rolesFor} onClose={() => setRolesFor(null)} /> : null}
      {disableFor ? <DisableModal user={disableFor} onClose={() => setDisableFor(null)} /> : null}
    </>
  );
}
