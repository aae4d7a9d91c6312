// The CSV and XLSX buttons of a report: the same figures as shown (the query the page asked
// with), downloaded as a spreadsheet; the export is audited by the server. Disabled, with why,
// while the page's period is not valid.
import { Group } from '@mantine/core';
import { DownloadButton } from '../../../components/DownloadButton';
import type { Query } from '../../../lib/api';

export function ReportDownloads({ path, query, disabled = false }: { path: string; query: Query; disabled?: boolean }) {
  return (
    <Group gap="xs" role="group" aria-label="Download">
      {(['csv', 'xlsx'] as const).map((f) => (
        <DownloadButton
          key={f}
          size="xs"
          path={path}
          query={{ ...query, format: f }}
          aria-label={`Download ${f.toUpperCase()}`}
          unavailable={disabled ? { title: 'Nothing to download', message: 'Choose an end on or after the start first.' } : null}
          done={(name) => `${name} downloaded. The export is recorded in the audit trail.`}
        >
          {f.toUpperCase()}
        </DownloadButton>
      ))}
    </Group>
  );
}
