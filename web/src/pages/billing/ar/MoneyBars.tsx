// Horizontal money bars without a chart library: a row per name holding one bar, or a few
// thinner ones side by side (charges, payments, adjustments), all on one scale; hovering a
// bar says what it is and its amount. The whole is one image for screen readers, described by
// `summary` (the table or the figures nearby hold every number).
import { Box, ColorSwatch, getThemeColor, Group, Stack, Text, Tooltip, useMantineTheme } from '@mantine/core';
import { formatMoney } from '../../../lib/format';

export interface Bar {
  label: string;
  cents: number;
  /** A theme colour: "teal.7". */
  color: string;
}

export interface BarRow {
  key: string;
  name: string;
  bars: Bar[];
  /** Shown at the right of the row. */
  value?: string;
}

export function MoneyBars({
  rows,
  summary,
  legend,
  nameWidth = 180,
  testId,
}: {
  rows: BarRow[];
  summary: string;
  legend?: { label: string; color: string }[];
  nameWidth?: number;
  testId?: string;
}) {
  const theme = useMantineTheme();
  const scale = Math.max(1, ...rows.flatMap((r) => r.bars.map((b) => b.cents)));
  const withValues = rows.some((r) => r.value);
  return (
    <Stack gap="sm" role="img" aria-label={summary} data-testid={testId}>
      {legend ? (
        <Group gap="md" aria-hidden>
          {legend.map((l) => (
            <Group key={l.label} gap={6}>
              <ColorSwatch size={12} color={getThemeColor(l.color, theme)} withShadow={false} />
              <Text size="xs">{l.label}</Text>
            </Group>
          ))}
        </Group>
      ) : null}
      <Stack gap={rows.some((r) => r.bars.length > 1) ? 10 : 8} aria-hidden>
        {rows.map((r) => (
          <Group key={r.key} gap="sm" wrap="nowrap" align="center">
            <Text size="sm" w={nameWidth} truncate title={r.name} style={{ flexShrink: 0 }}>
              {r.name}
            </Text>
            <Stack gap={2} style={{ flex: 1, minWidth: 60 }}>
              {r.bars.map((b) => (
                <Tooltip key={b.label} label={`${r.name}, ${b.label}: ${formatMoney(b.cents)}`} withArrow>
                  <Box
                    h={r.bars.length > 1 ? 9 : 20}
                    bg={b.color}
                    style={{
                      width: `${Math.max(0, (b.cents / scale) * 100)}%`,
                      minWidth: b.cents > 0 ? 2 : 0,
                      borderRadius: 3,
                    }}
                  />
                </Tooltip>
              ))}
            </Stack>
            {withValues ? (
              <Text size="sm" w={110} className="num" style={{ flexShrink: 0 }}>
                {r.value}
              </Text>
            ) : null}
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
