// The code-set releases the server has loaded, and for each kind that is missing what that
// means and the command that loads it (imports run on the server's command line).
import { Alert, Code, Stack, Text } from '@mantine/core';
import { CODE_SET_KINDS, useCodeSets } from '../../../lib/billing';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { CodeSetRelease } from '../../../lib/types';
import { ListIntro, ListTable } from '../../../components/ListTable';

const setOf = (kind: string) => CODE_SET_KINDS.find((k) => k.kind === kind);

export function CodeSetsTab() {
  const sets = useCodeSets();
  const loaded = new Set((sets.data ?? []).map((s) => s.kind));
  const missing = sets.isSuccess ? CODE_SET_KINDS.filter((k) => !loaded.has(k.kind)) : [];
  return (
    <Stack gap="md">
      <ListIntro>
        The official code sets the claim scrubber and the typeahead use. A date of service uses the latest release in force on it. Releases are loaded on
        the server with <span className="mono">praxis codes import</span>.
      </ListIntro>
      <ListTable<CodeSetRelease & { key: string }>
        query={sets}
        records={(sets.data ?? []).map((s) => ({ ...s, key: `${s.kind}-${s.effective_from}` }))}
        idAccessor="key"
        label="Loaded code sets"
        noRecordsText="No code set is loaded"
        columns={[
          {
            accessor: 'kind',
            title: 'Code set',
            render: (s) => (
              <>
                <Text size="sm" fw={500}>
                  {setOf(s.kind)?.short ?? s.kind}
                </Text>
                <Text size="xs" c="dimmed">
                  {setOf(s.kind)?.label}
                </Text>
              </>
            ),
          },
          { accessor: 'effective_from', title: 'In force from', noWrap: true, render: (s) => formatDate(s.effective_from) },
          {
            accessor: 'source_name',
            title: 'File',
            render: (s) => (
              <>
                <Text size="sm" className="mono" style={{ overflowWrap: 'anywhere' }}>
                  {s.source_name}
                </Text>
                <Text size="xs" c="dimmed">
                  Loaded {formatDateTime(s.loaded_at)}
                </Text>
              </>
            ),
          },
          {
            accessor: 'rows',
            title: 'Rows',
            textAlign: 'right',
            render: (s) => (
              <>
                <Text size="sm">{s.rows.toLocaleString()}</Text>
                {s.bad_lines ? (
                  <Text size="xs" c="orange.9">
                    {s.bad_lines.toLocaleString()} lines refused
                  </Text>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {missing.map((k) => (
        <Alert key={k.kind} color="orange" title={`Not loaded: ${k.label}`} data-testid={`missing-${k.kind}`}>
          <Text size="sm">{k.without}</Text>
          <Text size="sm" mt={6}>
            To load it, on the server:
          </Text>
          <Code block mt={4}>
            praxis codes import {k.cli} {k.file} --db DB
          </Code>
        </Alert>
      ))}
    </Stack>
  );
}
