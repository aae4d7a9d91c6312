// A button that downloads a file the API answers as an attachment (with the session's cookie):
// busy while it comes, a notification when it failed and, given `done`, when it arrived.
import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { downloadFile, errorMessage, type Query } from '../lib/api';

export function DownloadButton({
  path,
  query,
  name,
  done,
  children,
  'aria-label': ariaLabel,
  ...button
}: {
  path: string;
  query?: Query;
  /** The file's name (else the server's). */
  name?: string;
  /** What to say once it is saved, given the file's name. */
  done?: (filename: string) => string;
  children: ReactNode;
  'aria-label'?: string;
} & Pick<ButtonProps, 'size' | 'variant'>) {
  const [busy, setBusy] = useState(false);
  const get = async () => {
    setBusy(true);
    try {
      const filename = await downloadFile(path, query, name);
      if (done) notifications.show({ color: 'teal', message: done(filename) });
    } catch (e) {
      notifications.show({ color: 'red', title: 'The download failed', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" leftSection={<IconDownload size={14} />} loading={busy} onClick={() => void get()} aria-label={ariaLabel} {...button}>
      {children}
    </Button>
  );
}
