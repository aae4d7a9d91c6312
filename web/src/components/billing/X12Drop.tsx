// Where inbound X12 files land: drop them on the zone, or choose them with its button (the
// keyboard way). Each file is sent as it is and its answer shown underneath, newest first:
// the remittances an 835 holds, the claims a 999 or 277CA moved, "already imported" for a
// file read before, or why it was not read. `compact` is the one-line strip for a worklist,
// whose answers may show elsewhere on the page (X12DropZone and X12Results share the uploads).
import { useEffect, useState, type DragEvent } from 'react';
import { Box, Button, FileButton, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useX12Uploads, type X12Uploads } from '../../lib/remit';
import { X12Result } from './X12Result';

/** The zone, with its answers underneath. */
export function X12Drop({ title, hint }: { title: string; hint?: string }) {
  const uploads = useX12Uploads();
  return (
    <Stack gap="xs">
      <X12DropZone uploads={uploads} title={title} hint={hint} />
      <X12Results uploads={uploads} />
    </Stack>
  );
}

/** The answers to the files dropped, newest first. */
export function X12Results({ uploads: { uploads, dismiss } }: { uploads: X12Uploads }) {
  if (!uploads.length) return null;
  return (
    <Stack gap="xs" aria-live="polite" aria-label="Files read" role="list">
      {uploads.map((u) => (
        <X12Result key={u.key} upload={u} onClose={() => dismiss(u.key)} />
      ))}
    </Stack>
  );
}

export function X12DropZone({ uploads: { send, busy }, title, hint, compact = false }: { uploads: X12Uploads; title: string; hint?: string; compact?: boolean }) {
  const [over, setOver] = useState(false);
  // A file dropped just beside the zone must not make the browser leave the app to open it.
  useEffect(() => {
    const keep = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, []);
  const drag = (e: DragEvent<HTMLElement>, entering: boolean) => {
    if (!Array.from(e.dataTransfer.types).includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(entering);
  };
  const drop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) void send(files);
  };
  const choose = (
    <FileButton onChange={(files) => files.length && void send(files)} multiple inputProps={{ 'aria-label': `${title}: choose files` }}>
      {(props) => (
        <Button
          {...props}
          variant={compact ? 'default' : 'light'}
          size={compact ? 'compact-sm' : 'sm'}
          leftSection={<IconFileUpload size={compact ? 14 : 16} />}
          disabled={busy}
        >
          Choose a file
        </Button>
      )}
    </FileButton>
  );
  const icon = busy ? (
    <Loader size={compact ? 16 : 'md'} aria-label="Reading the file" />
  ) : (
    <IconFileUpload size={compact ? 18 : 36} color="var(--mantine-color-gray-6)" aria-hidden />
  );
  return (
    <Paper
      component="section"
      aria-label={title}
      aria-busy={busy}
      title={compact ? hint : undefined}
      py={compact ? 4 : 'lg'}
      px={compact ? 'sm' : 'lg'}
      onDragEnter={(e: DragEvent<HTMLElement>) => drag(e, true)}
      onDragOver={(e: DragEvent<HTMLElement>) => drag(e, true)}
      onDragLeave={(e: DragEvent<HTMLElement>) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={drop}
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        borderColor: over ? 'var(--mantine-color-praxis-6)' : 'var(--mantine-color-gray-4)',
        background: over ? 'var(--mantine-color-praxis-0)' : undefined,
      }}
    >
      {compact ? (
        <Group gap="xs" wrap="nowrap">
          {icon}
          <Text size="sm" fw={500}>
            {title}
          </Text>
          {choose}
        </Group>
      ) : (
        <Stack align="center" gap={6}>
          {icon}
          <Text fw={600}>{title}</Text>
          {hint ? (
            <Text size="sm" c="dimmed" ta="center" maw={560}>
              {hint}
            </Text>
          ) : null}
          <Box mt={4}>{choose}</Box>
        </Stack>
      )}
    </Paper>
  );
}
