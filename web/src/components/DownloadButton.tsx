// A button that downloads a file the API answers as an attachment (with the session's cookie):
// busy while it comes, a notification when it failed and, given `done`, when it arrived.
// `notice` turns an answer that is not a failure (nothing to download) into information;
// `unavailable` says so at once, when it is known without asking.
import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { downloadFile, errorMessage, type Query } from '../lib/api';

interface Info {
  title: string;
  message: string;
}

const info = (i: Info) => notifications.show({ color: 'blue', icon: <IconInfoCircle size={18} />, ...i });

export function DownloadButton({
  path,
  query,
  name,
  done,
  notice,
  unavailable,
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
  /** Given the error, what to say as information instead of a failure (null: it is a failure). */
  notice?: (e: unknown) => Info | null;
  /** Known beforehand to have nothing to download: said as information, nothing asked. */
  unavailable?: Info | null;
  children: ReactNode;
  'aria-label'?: string;
} & Pick<ButtonProps, 'size' | 'variant'>) {
  const [busy, setBusy] = useState(false);
  const get = async () => {
    if (unavailable) return info(unavailable);
    setBusy(true);
    try {
      const filename = await downloadFile(path, query, name);
      if (done) notifications.show({ color: 'teal', message: done(filename) });
    } catch (e) {
      const said = notice?.(e);
      if (said) info(said);
      else notifications.show({ color: 'red', title: 'The download failed', message: errorMessage(e) });
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
