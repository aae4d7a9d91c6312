// Calendar feeds: a secret link per provider that a calendar app (Google, Outlook, Apple)
// subscribes to. The server keeps only a hash of each link, so a link is shown once, when it
// is made; there is no list of links. Revoking removes every link of the provider.
import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconInfoCircle, IconLink, IconLinkOff } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { ApiError, api, errorMessage } from '../../../lib/api';
import { providerName, useProvidersAll, type CalendarFeed } from '../../../lib/schedule';
import type { Provider } from '../../../lib/types';
import { ActionDialog } from '../../../components/Dialogs';
import { QueryState } from '../../../components/QueryState';

/** The full address a calendar app subscribes to. */
export function feedUrl(path: string): string {
  return `${window.location.origin}${path}`;
}

function NewFeedDialog({ provider, onClose }: { provider: Provider; onClose: () => void }) {
  const [names, setNames] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const who = providerName(provider);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setFeed(await api.post<CalendarFeed>(`/providers/${provider.id}/calendar-feed`, { show_patient_names: names }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (feed) {
    const url = feedUrl(feed.path);
    return (
      <Modal opened onClose={onClose} title={`Calendar feed link for ${who}`} size="lg" closeOnClickOutside={false}>
        <Stack>
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Copy the link now: it is shown only once">
            Praxis keeps no copy it could show again. Paste it into the calendar app as a subscription (“From URL” / “Subscribe to
            calendar”). If it is lost, make a new link and revoke the old ones.
          </Alert>
          {feed.show_patient_names ? (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title="This link shows patient names" role="alert">
              Anyone who has this link sees the names of {who}’s patients with their appointment times. Give it only to {who}, for a
              calendar protected by a password.
            </Alert>
          ) : (
            <Text size="sm">The calendar shows “Busy” and the appointment type for each appointment, not who the patient is.</Text>
          )}
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label="Feed link"
              readOnly
              value={url}
              style={{ flex: 1 }}
              className="mono"
              onFocus={(e) => e.currentTarget.select()}
              data-testid="feed-url"
            />
            <CopyButton value={url} timeout={3000}>
              {({ copied, copy }) => (
                <Button onClick={copy} color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                  {copied ? 'Copied' : 'Copy link'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <ActionDialog
      title={`New calendar feed link for ${who}`}
      size="lg"
      error={error}
      onClose={onClose}
      action={
        <Button onClick={() => void create()} loading={busy} leftSection={<IconLink size={16} />}>
          Create link
        </Button>
      }
    >
      <Text size="sm">
        A calendar app subscribed to this link shows {who}’s appointments from a month ago to six months ahead, and updates by itself.
      </Text>
      <Switch
        label="Show patient names"
        description="Off: each appointment shows as “Busy” with its type. On: the patient’s name too."
        checked={names}
        onChange={(e) => setNames(e.currentTarget.checked)}
      />
      {names ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} p="xs">
          <Text size="sm">
            Anyone who has the link will see patient names. Use it only for a calendar that {who} alone uses, on a device protected by a
            password. Each use of the link is recorded in the audit trail.
          </Text>
        </Alert>
      ) : null}
    </ActionDialog>
  );
}

function RevokeDialog({ provider, onClose }: { provider: Provider; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const who = providerName(provider);
  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/providers/${provider.id}/calendar-feed`);
      notifications.show({ color: 'teal', message: `Every calendar feed link of ${who} is revoked.` });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        notifications.show({ color: 'blue', message: `${who} has no calendar feed links: there was nothing to revoke.` });
        onClose();
        return;
      }
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <ActionDialog
      title={`Revoke the calendar feed links of ${who}?`}
      error={error}
      onClose={onClose}
      action={
        <Button color="red.9" onClick={() => void revoke()} loading={busy} leftSection={<IconLinkOff size={16} />}>
          Revoke all links
        </Button>
      }
    >
      <Text size="sm">
        Every feed link made for {who} stops working at once; calendar apps subscribed to them stop updating. This cannot be undone: make a
        new link afterwards if one is still needed.
      </Text>
    </ActionDialog>
  );
}

export function FeedsTab({ canWrite }: { canWrite: boolean }) {
  const providers = useProvidersAll();
  const [creating, setCreating] = useState<Provider | null>(null);
  const [revoking, setRevoking] = useState<Provider | null>(null);
  const rows = (providers.data ?? []).filter((p) => p.active);
  if (providers.isError) return <QueryState error={providers.error} retry={() => void providers.refetch()} />;
  return (
    <>
      <Alert color="blue" icon={<IconInfoCircle size={18} />} mb="sm" title="Links are shown once; revoke to invalidate all">
        A feed link lets a provider see their appointments in their own calendar app. Praxis keeps no list of the links it has made and
        cannot show one again. To stop links working (a phone was lost, a link was shared), revoke the provider’s links: all of them stop
        at once.
      </Alert>
      <DataTable<Provider>
        aria-label="Calendar feeds"
        withTableBorder
        borderRadius="sm"
        striped
        minHeight={rows.length ? undefined : 120}
        fetching={providers.isLoading}
        records={rows}
        idAccessor="id"
        noRecordsText="No active providers"
        columns={[
          { accessor: 'family_name', title: 'Provider', render: (p) => <Text size="sm" fw={500}>{providerName(p)}</Text> },
          ...(canWrite
            ? [
                {
                  accessor: 'actions',
                  title: <span className="visually-hidden">Actions</span>,
                  textAlign: 'right' as const,
                  render: (p: Provider) => (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="light" leftSection={<IconLink size={14} />} onClick={() => setCreating(p)} aria-label={`New feed link for ${providerName(p)}`}>
                        New feed link
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red.9"
                        leftSection={<IconLinkOff size={14} />}
                        onClick={() => setRevoking(p)}
                        aria-label={`Revoke all feed links of ${providerName(p)}`}
                      >
                        Revoke all links
                      </Button>
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
      {creating ? <NewFeedDialog provider={creating} onClose={() => setCreating(null)} /> : null}
      {revoking ? <RevokeDialog provider={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}
