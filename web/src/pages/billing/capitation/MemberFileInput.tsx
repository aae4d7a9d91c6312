// Choosing a payer's member file (CSV) in a dialog: read at once in the browser, then what was
// read (how many members, from which columns) and the rows that could not be read, by line,
// before anything is sent.
import { useState, type ReactNode } from 'react';
import { Alert, FileInput, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileSpreadsheet } from '@tabler/icons-react';
import { fileText } from '../../../lib/csv';
import { readMemberFile, type MemberFile, type MemberFileKind, type Unreadable } from './memberFile';

const SHOWN = 20;

export interface ReadFile {
  name: string;
  file: MemberFile;
}

export function MemberFileInput({
  kind,
  label,
  description,
  required,
  error,
  onRead,
}: {
  kind: MemberFileKind;
  label: string;
  description: string;
  required?: boolean;
  /** A problem with the file said by the server (a row it refused). */
  error?: string | null;
  onRead: (f: ReadFile | null) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (f: File | null) => {
    setFile(f);
    setProblem(null);
    onRead(null);
    if (!f) return;
    const read = readMemberFile(await fileText(f), kind);
    if (typeof read === 'string') setProblem(read);
    else onRead({ name: f.name, file: read });
  };
  return (
    <FileInput
      label={label}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      placeholder="Choose a CSV file"
      accept=".csv,.txt,text/csv,text/plain"
      clearable
      required={required}
      leftSection={<IconFileSpreadsheet size={16} />}
      value={file}
      onChange={(f) => void choose(f)}
      error={problem ?? error}
    />
  );
}

/** The rows left out, by line. */
export function UnreadableRows({ rows, title }: { rows: Unreadable[]; title: string }) {
  return (
    <Alert color="yellow" icon={<IconAlertTriangle />} title={title} data-testid="unreadable-rows">
      <Table fz="sm" withRowBorders={false} verticalSpacing={2} aria-label="Rows that could not be read">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>Line</Table.Th>
            <Table.Th>In the file</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <Table.Tr key={`${r.line}-${r.why}`}>
              <Table.Td className="num">{r.line}</Table.Td>
              <Table.Td className="mono" style={{ overflowWrap: 'anywhere' }}>
                {r.text}
              </Table.Td>
              <Table.Td>{r.why}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length > SHOWN ? (
        <Text size="xs" mt={4}>
          and {rows.length - SHOWN} more
        </Text>
      ) : null}
    </Alert>
  );
}

/** What was read from the file, in a sentence (and `more` under it), and the rows that could not be read. */
export function MemberFileSummary({ read, more, children }: { read: ReadFile; more?: ReactNode; children: ReactNode }) {
  const n = read.file.unreadable.length;
  return (
    <Stack gap="xs" data-testid="file-preview">
      <Text size="sm" aria-live="polite">
        {children}
      </Text>
      {more}
      {n ? <UnreadableRows rows={read.file.unreadable} title={`${n} ${n === 1 ? 'row' : 'rows'} could not be read and will be left out`} /> : null}
    </Stack>
  );
}
