// The revenue-cycle indicators as the page shows them: each one's name, what it means in one
// plain sentence, which way is better and what practices commonly aim for, its value and the
// two figures it is made of (money in dollars, counts as counts), and the page with the rows
// behind it.
import { formatCount, formatDate, formatDays, formatMoney, formatPercent } from '../../../lib/format';
import type { KpiRatio, Period, RevenueCycle } from '../../../lib/types';

export interface KpiPart {
  label: string;
  value: string;
  /** How the figure is made, when it is not read directly. */
  detail?: string;
}

export interface Kpi {
  key: string;
  label: string;
  meaning: string;
  aim: string;
  /** The value as shown; null when there is nothing to measure. */
  value: string | null;
  numerator: KpiPart;
  denominator: KpiPart;
  link?: { to: string; label: string };
}

const percent = (r: KpiRatio) => (r.value === null ? null : formatPercent(r.value / 100));
const money = (c: number) => formatMoney(c);
const moneyByPayer = (p: Period) => ({ to: `/billing/ar/money?by=payer&from=${p.from}&to=${p.to}`, label: 'Money report by payer' });
const aging = (p: Period) => ({ to: `/billing/ar/aging?as_of=${p.to}`, label: `A/R aging on ${formatDate(p.to)}` });

/** The indicators of a period, in the order a practice manager reads them. */
export function kpis(r: RevenueCycle): Kpi[] {
  const d = r.days_in_ar;
  return [
    {
      key: 'days_in_ar',
      label: 'Days in A/R',
      meaning: 'How many days of charges are still unpaid: what is owed at the end of the period over the average charges of a day.',
      aim: 'Lower is better; many practices aim for under 40 days.',
      value: d.value === null ? null : formatDays(d.value),
      numerator: { label: 'Owed at the end', value: money(d.ar_cents) },
      denominator: {
        label: 'Charges a day',
        value: d.days ? money(Math.round(d.charges_cents / d.days)) : money(0),
        detail: `${money(d.charges_cents)} over ${formatCount(d.days)} ${d.days === 1 ? 'day' : 'days'}`,
      },
      link: aging(r),
    },
    {
      key: 'net_collection_rate',
      label: 'Net collection rate',
      meaning: 'Of what the practice could collect (its charges less the discounts its payer contracts take), the share it did collect.',
      aim: 'Higher is better; many practices aim for 95% or more.',
      value: percent(r.net_collection_rate),
      numerator: { label: 'Payments', value: money(r.net_collection_rate.numerator) },
      denominator: { label: 'Charges less contractual', value: money(r.net_collection_rate.denominator) },
      link: moneyByPayer(r),
    },
    {
      key: 'gross_collection_rate',
      label: 'Gross collection rate',
      meaning: "Payments received as a share of everything charged at the practice's own fees.",
      aim: 'Depends on the fee schedule: follow its trend rather than a target.',
      value: percent(r.gross_collection_rate),
      numerator: { label: 'Payments', value: money(r.gross_collection_rate.numerator) },
      denominator: { label: 'Charges', value: money(r.gross_collection_rate.denominator) },
      link: moneyByPayer(r),
    },
    {
      key: 'denial_rate',
      label: 'Denial rate',
      meaning: 'Of the claims the payers decided on, the share that had a line denied.',
      aim: 'Lower is better; many practices aim for under 5%.',
      value: percent(r.denial_rate),
      numerator: { label: 'Claims with a denial', value: formatCount(r.denial_rate.numerator) },
      denominator: { label: 'Claims decided', value: formatCount(r.denial_rate.denominator) },
      link: { to: '/billing/ar/denials', label: 'Denials to work' },
    },
    {
      key: 'clean_claim_rate',
      label: 'Clean claim rate',
      meaning: 'Of the claims sent, the share the clearinghouse and payers took without rejecting them.',
      aim: 'Higher is better; many practices aim for 95% or more.',
      value: percent(r.clean_claim_rate),
      numerator: { label: 'Sent, never rejected', value: formatCount(r.clean_claim_rate.numerator) },
      denominator: { label: 'Claims sent', value: formatCount(r.clean_claim_rate.denominator) },
      link: { to: '/billing/claims', label: 'Claims' },
    },
    {
      key: 'first_pass_resolution_rate',
      label: 'First-pass resolution',
      meaning: 'Of the claims paid or denied, the share paid on their first submission, without any rework.',
      aim: 'Higher is better; many practices aim for 90% or more.',
      value: percent(r.first_pass_resolution_rate),
      numerator: { label: 'Paid on the first submission', value: formatCount(r.first_pass_resolution_rate.numerator) },
      denominator: { label: 'Claims paid or denied', value: formatCount(r.first_pass_resolution_rate.denominator) },
      link: { to: '/billing/claims', label: 'Claims' },
    },
    {
      key: 'ar_over_90_share',
      label: 'A/R over 90 days',
      meaning: 'The share of what is owed at the end of the period whose date of service is more than 90 days old.',
      aim: 'Lower is better; many practices aim for under 15%.',
      value: percent(r.ar_over_90_share),
      numerator: { label: 'Owed over 90 days', value: money(r.ar_over_90_share.numerator) },
      denominator: { label: 'All that is owed', value: money(r.ar_over_90_share.denominator) },
      link: aging(r),
    },
    {
      key: 'charge_lag_days',
      label: 'Charge lag',
      meaning: "The average number of days from a visit to entering its charges, for the period's visits.",
      aim: 'Lower is better; many practices aim for 3 days or fewer.',
      value: r.charge_lag_days.value === null ? null : formatDays(r.charge_lag_days.value),
      numerator: { label: 'Days, all visits together', value: formatCount(r.charge_lag_days.numerator) },
      denominator: { label: 'Visits', value: formatCount(r.charge_lag_days.denominator) },
    },
  ];
}
