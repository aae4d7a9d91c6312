import { useState } from 'react';
import { Button, Checkbox, Group, Paper, PasswordInput, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconUserPlus } from '@tabler/icons-react';
import { ApiError, api, errorMessage } from '../../lib/api';
import { EMAIL_RE, submitError } from '../../lib/forms';
import { formatDateTime, roleLabel } from '../../lib/format';
import { useCursorList } from '../../lib/lists';
import { useSession } from '../../lib/session';
import { ACTIVE_STATUS } from '../../lib/status';
import { ROLES, type User } from '../../lib/types';
import { actionsColumn, CursorTable } from '../../components/CursorTable';
import { ActionDialog, FormDialog } from '../../components/Dialogs';
import { PageHeader } from '../../components/PageHeader';
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
      setError(submitError(form, e));
    }
  });
  return (
    <FormDialog opened={opened} title="New user" error={error} onClose={onClose} onSubmit={submit} submitLabel="Create user" submitting={form.submitting}>
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
    </FormDialog>
  );
}

/**
 * PATCHes the user (at the version on screen), then refreshes the list and closes.
 * With `conflict`, a version conflict shows that text and refreshes the list.
 */
function useUserPatch(user: User, onClose: () => void) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = async (change: Partial<User>, done: string, conflict?: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.patch<User>(`/users/${user.id}`, { version: user.version, ...change });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: done });
      onClose();
    } catch (e) {
      const isConflict = conflict !== undefined && e instanceof ApiError && e.code === 'version-conflict';
      setError(isConflict ? conflict : errorMessage(e));
      if (isConflict) void queryClient.invalidateQueries({ queryKey: ['users'] });
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, patch };
}

function RolesModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [roles, setRoles] = useState<string[]>(user.roles);
  const { error, setError, busy, patch } = useUserPatch(user, onClose);
  const save = async () => {
    if (roles.length === 0) {
      setError('Choose at least one role, or disable the user instead.');
      return;
    }
    await patch(
      { roles },
      `Roles of ${user.display_name} changed.`,
      'Someone else changed this user meanwhile. Close this dialog to see the latest roles, then try again.',
    );
  };
  return (
    <ActionDialog
      title={`Roles of ${user.display_name}`}
      size="lg"
      error={error}
      onClose={onClose}
      action={
        <Button onClick={save} loading={busy}>
          Save roles
        </Button>
      }
    >
      <RoleChecks value={roles} onChange={setRoles} />
    </ActionDialog>
  );
}

function DisableModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { error, busy, patch } = useUserPatch(user, onClose);
  const disable = !user.disabled;
  const go = () => patch({ disabled: disable }, `${user.display_name} ${disable ? 'disabled' : 'enabled'}.`);
  return (
    <ActionDialog
      title={disable ? `Disable ${user.display_name}?` : `Enable ${user.display_name}?`}
      error={error}
      onClose={onClose}
      action={
        <Button color={disable ? 'red.9' : undefined} onClick={go} loading={busy}>
          {disable ? 'Disable user' : 'Enable user'}
        </Button>
      }
    >
      <Text size="sm">
        {disable
          ? `${user.email} will be signed out everywhere and will not be able to sign in. Their history stays in the audit trail. You can enable the account again later.`
          : `${user.email} will be able to sign in again with their current password.`}
      </Text>
    </ActionDialog>
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
        <CursorTable
          list={list}
          label="Users"
          noun="users"
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
                  actionsColumn<User>((u) => (
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
                  )),
                ]
              : []),
          ]}
        />
      </Paper>
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} />
      {rolesFor ? <RolesModal user={rolesFor} onClose={() => setRolesFor(null)} /> : null}
      {disableFor ? <DisableModal user={disableFor} onClose={() => setDisableFor(null)} /> : null}
    </>
  );
}
