// A denial's appeal deadline: the date, and how long is left (or how long ago it passed) in
// words, in orange within 30 days and red once passed.
import { Text } from '@mantine/core';
import { formatDate, todayIso } from '../../../lib/format';
import { daysBetween } from '../../../lib/worklists';

export function AppealBy({ date, open }: { date: string | null; open: boolean }) {
  if (!date)
    return (
      <Text size="sm" c="dimmed">
        Not known
      </Text>
    );
  const left = daysBetween(todayIso(), date);
  const words = left < 0 ? `passed ${-left} ${-left === 1 ? 'day' : 'days'} ago` : left === 0 ? 'today' : `${left} ${left === 1 ? 'day' : 'days'} left`;
  const color = !open ? 'dimmed' : left < 0 ? 'red.8' : left <= 30 ? 'orange.9' : 'dimmed';
  return (
    <>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatDate(date)}
      </Text>
      {open ? (
        <Text size="xs" c={color} fw={left <= 30 ? 600 : undefined}>
          {words}
        </Text>
      ) : null}
    </>
  );
}
