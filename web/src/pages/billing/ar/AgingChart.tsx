// The A/R aging as stacked bars: one for everything owed, split by age, then one per payer
// (or patient), the largest first, on a common scale. Hovering a part says its bucket and
// amount; the table below holds every figure (and screen readers get a summary).
import { Box, ColorSwatch, getThemeColor, Group, Progress, Stack, Text, Tooltip, useMantineTheme, type MantineSize } from '@mantine/core';
import { formatMoney } from '../../../lib/format';
import { AGING_COLORS, bucketLabel } from '../../../lib/ledger';
import type { ArAging } from '../../../lib/types';

const MAX_BARS = 10;

function Bar({ name, cents, buckets, scale, size = 'lg' }: { name: string; cents: number[]; buckets: string[]; scale: number; size?: MantineSize }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" w={180} truncate title={name} style={{ flexShrink: 0 }}>
        {name}
      </Text>
      <Progress.Root size={size} style={{ flex: 1 }}>
        {cents.map((c, i) =>
          c > 0 ? (
            <Tooltip key={i} label={`${name}, ${bucketLabel(buckets[i])}: ${formatMoney(c)}`} withArrow>
              <Progress.Section value={(c / scale) * 100} color={AGING_COLORS[i]} />
            </Tooltip>
          ) : null,
        )}
      </Progress.Root>
      <Text size="sm" w={96} className="num" style={{ flexShrink: 0 }}>
        {formatMoney(cents.reduce((s, c) => s + Math.max(c, 0), 0))}
      </Text>
    </Group>
  );
}

export function AgingChart({ aging }: { aging: ArAging }) {
  const theme = useMantineTheme();
  const positive = (cents: number[]) => cents.map((c) => Math.max(c, 0));
  const total = positive(aging.totals.cents);
  const totalSum = total.reduce((s, c) => s + c, 0);
  const rows = [...aging.rows].sort((a, b) => b.total_cents - a.total_cents).filter((r) => r.total_cents > 0);
  const shown = rows.slice(0, MAX_BARS);
  const scale = Math.max(1, ...shown.map((r) => positive(r.cents).reduce((s, c) => s + c, 0)));
  const summary = aging.buckets.map((b, i) => `${bucketLabel(b)} ${formatMoney(total[i])}`).join(', ');
  if (!totalSum) return <Text size="sm">Nothing is owed as of this date.</Text>;
  return (
    <Stack gap="sm" role="img" aria-label={`A/R by age: ${summary}`} data-testid="aging-chart">
      <Group gap="md" aria-hidden>
        {aging.buckets.map((b, i) => (
          <Group key={b} gap={6}>
            <ColorSwatch size={12} color={getThemeColor(AGING_COLORS[i], theme)} withShadow={false} />
            <Text size="xs">{bucketLabel(b)}</Text>
          </Group>
        ))}
      </Group>
      <Box aria-hidden>
        <Bar name="All" cents={total} buckets={aging.buckets} scale={totalSum} size="xl" />
      </Box>
      <Stack gap={6} aria-hidden>
        {shown.map((r) => (
          <Bar key={r.id ?? 'patient'} name={r.name} cents={positive(r.cents)} buckets={aging.buckets} scale={scale} />
        ))}
        {rows.length > shown.length ? (
          <Text size="xs" c="dimmed">
            and {rows.length - shown.length} more in the table
          </Text>
        ) : null}
      </Stack>
    </Stack>
  );
}
