// The no-show risk of an appointment as a small badge: colour plus words, with the
// score and the reasons in its tooltip. Shown for medium and high risk only.
import { Badge, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatRiskScore, RISK_LEVEL, type NoShowRisk } from '../../lib/schedule';

export function riskSentence(risk: NoShowRisk): string {
  return `${RISK_LEVEL[risk.level].label} (${formatRiskScore(risk.score)})${risk.reasons.length ? `: ${risk.reasons.join('; ')}` : ''}`;
}

export function RiskBadge({ risk, size = 'sm' }: { risk: NoShowRisk; size?: 'xs' | 'sm' | 'md' }) {
  const level = RISK_LEVEL[risk.level];
  return (
    <Tooltip label={riskSentence(risk)} multiline w={280} withinPortal>
      <Badge
        color={level.color}
        size={size}
        variant={risk.level === 'high' ? 'filled' : 'light'}
        leftSection={risk.level === 'high' ? <IconAlertTriangle size={12} aria-hidden /> : undefined}
        data-testid="risk-badge"
        data-level={risk.level}
        // Screen readers get the whole sentence, sighted users the short words and the tooltip.
        aria-label={riskSentence(risk)}
        tabIndex={0}
      >
        {level.short}
      </Badge>
    </Tooltip>
  );
}
