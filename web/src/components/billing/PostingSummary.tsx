// What an imported 835 posted to the journal, per payment: "Posted 12 claims · 1 denial to
// work · 0 exceptions", the denials and exceptions linking to their worklists; and, when
// posting stopped on an error, that the rest waits.
import { Link } from 'react-router-dom';
import { Alert, Anchor, List, Text } from '@mantine/core';
import type { RemitImport, RemitPosting } from '../../lib/types';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Counts({ p }: { p: RemitPosting }) {
  return (
    <>
      Posted {plural(p.claims_posted, 'claim')} ·{' '}
      {p.denials ? (
        <Anchor component={Link} to="/billing/ar/denials" size="sm">
          {plural(p.denials, 'denial')} to work
        </Anchor>
      ) : (
        '0 denials to work'
      )}{' '}
      ·{' '}
      {p.exceptions ? (
        <Anchor component={Link} to="/billing/ar/exceptions" size="sm" c="orange.9" fw={600}>
          {plural(p.exceptions, 'exception')}
        </Anchor>
      ) : (
        '0 exceptions'
      )}
    </>
  );
}

export function PostingSummary({ answer }: { answer: RemitImport }) {
  const posted = answer.remittances.filter((r) => r.posting);
  if (!posted.length && !answer.posting_error) return null;
  const one = posted.length === 1;
  return (
    <>
      {one ? (
        <Text size="sm" data-testid="posting-summary">
          <Counts p={posted[0].posting!} />
        </Text>
      ) : (
        <List size="sm" spacing={2} aria-label="What was posted" data-testid="posting-summary">
          {posted.map((r) => (
            <List.Item key={r.id}>
              Remittance {r.id}: <Counts p={r.posting!} />
            </List.Item>
          ))}
        </List>
      )}
      {answer.posting_error ? (
        <Alert color="orange" title="Posting stopped" role="alert">
          {answer.posting_error}. What is not posted yet waits on the remittance; try posting it again from there.
        </Alert>
      ) : null}
    </>
  );
}
