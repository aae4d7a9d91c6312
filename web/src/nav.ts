// Every area of Praxis, in the order of the left navigation. Built pages name the
// permission they need; areas not built yet carry one sentence saying what they
// will do, the permission they are planned to need and, until the server issues
// that permission, the roles that will use them.
import type { ComponentType } from 'react';
import {
  IconBuildingHospital,
  IconCalendarEvent,
  IconCash,
  IconChartBar,
  IconReceipt,
  IconSettings,
  IconShieldCheck,
  IconUsers,
  IconUsersGroup,
  type IconProps,
} from '@tabler/icons-react';
import type { Permission } from './lib/types';
import type { WorklistName } from './lib/worklists';

export interface NavItem {
  label: string;
  path: string;
  /** A worklist whose open items are counted beside the link. */
  count?: WorklistName;
  /** Permission needed to see and open it. */
  permission?: Permission;
  /** Set for areas not built yet: what the area will do. */
  planned?: string;
  /** Until the server issues `permission`: who will use the planned area. */
  roles?: string[];
}

export interface NavSection {
  label: string;
  icon: ComponentType<IconProps>;
  /** A single link (no children) when it has exactly one item with the same path. */
  items: NavItem[];
}

/** The permissions this build of the server issues (see GET /api/v1/me). */
export const SERVER_PERMISSIONS = new Set<string>([
  'patient.read',
  'patient.write',
  'patient.merge',
  'provider.read',
  'provider.write',
  'location.read',
  'location.write',
  'user.read',
  'user.write',
  'audit.read',
  'practice.admin',
  'schedule.read',
  'schedule.write',
  'schedule.setup',
  'schedule.override',
  'schedule.reports',
  'billing.read',
  'charge.write',
  'claim.write',
  'billing.setup',
  'payment.write',
  'writeoff',
]);

const FINANCE = ['practice_manager'];
const HR = ['hr', 'practice_manager'];
const COMPLIANCE = ['compliance_officer', 'auditor', 'practice_manager'];
const GROWTH = ['practice_manager', 'front_desk'];

export const NAV: NavSection[] = [
  {
    label: 'Scheduling',
    icon: IconCalendarEvent,
    items: [
      { label: 'Calendar', path: '/schedule', permission: 'schedule.read' },
      { label: 'Check-in board', path: '/schedule/board', permission: 'schedule.read' },
      { label: 'Waitlist', path: '/schedule/waitlist', permission: 'schedule.read' },
      { label: 'Reports', path: '/schedule/reports', permission: 'schedule.reports' },
      { label: 'Schedule setup', path: '/schedule/setup', permission: 'schedule.setup' },
    ],
  },
  {
    label: 'Patients',
    icon: IconUsers,
    items: [{ label: 'Patients', path: '/patients', permission: 'patient.read' }],
  },
  {
    label: 'Billing',
    icon: IconCash,
    items: [
      { label: 'Charge entry', path: '/billing/charges', permission: 'charge.write' },
      { label: 'Claims', path: '/billing/claims', permission: 'billing.read' },
      { label: 'Remittances', path: '/billing/remittances', permission: 'billing.read' },
      { label: 'Billing setup', path: '/billing/setup', permission: 'billing.setup' },
    ],
  },
  {
    label: 'Payments & A/R',
    icon: IconReceipt,
    items: [
      { label: 'A/R aging', path: '/billing/ar/aging', permission: 'billing.read' },
      { label: 'Revenue cycle', path: '/billing/ar/kpis', permission: 'billing.read' },
      { label: 'Money report', path: '/billing/ar/money', permission: 'billing.read' },
      { label: 'Denial report', path: '/billing/ar/denials-report', permission: 'billing.read' },
      { label: 'Collections', path: '/billing/ar/collections', permission: 'billing.read' },
      { label: 'Denials', path: '/billing/ar/denials', permission: 'billing.read', count: 'denials' },
      { label: 'Underpayments', path: '/billing/ar/underpayments', permission: 'billing.read', count: 'underpayments' },
      { label: 'Posting exceptions', path: '/billing/ar/exceptions', permission: 'billing.read', count: 'exceptions' },
      { label: 'Capitation', path: '/billing/ar/capitation', permission: 'billing.read' },
      { label: 'Capitation revenue', path: '/billing/ar/capitation/revenue', permission: 'billing.read' },
      { label: 'Statements', path: '/billing/ar/statements', permission: 'claim.write' },
    ],
  },
  {
    label: 'Finance',
    icon: IconChartBar,
    items: [
      {
        label: 'General ledger',
        path: '/finance/ledger',
        permission: 'finance.read',
        roles: FINANCE,
        planned: 'Browse the double-entry journal and the chart of accounts that every charge, payment and expense posts to.',
      },
      {
        label: 'Budgets',
        path: '/finance/budgets',
        permission: 'finance.read',
        roles: FINANCE,
        planned: 'Set yearly and monthly budgets per account and compare them with actual results.',
      },
      {
        label: 'Financial statements',
        path: '/finance/statements',
        permission: 'finance.read',
        roles: FINANCE,
        planned: 'Produce the income statement, balance sheet and cash-flow statement for any period, as PDF and XLSX.',
      },
    ],
  },
  {
    label: 'HR',
    icon: IconUsersGroup,
    items: [
      {
        label: 'Staff',
        path: '/hr/staff',
        permission: 'hr.read',
        roles: HR,
        planned: 'Keep the staff directory with positions, pay, onboarding checklists and performance reviews.',
      },
      {
        label: 'Hiring',
        path: '/hr/hiring',
        permission: 'hr.read',
        roles: HR,
        planned: 'Track open positions and candidates from application to offer and onboarding.',
      },
      {
        label: 'Training & licences',
        path: '/hr/training',
        permission: 'hr.read',
        roles: HR,
        planned: 'Record required training and professional licences, and warn before any of them expires.',
      },
      {
        label: 'Time off',
        path: '/hr/time-off',
        permission: 'hr.read',
        roles: HR,
        planned: 'Request, approve and plan time off, and block the schedule for absent providers.',
      },
    ],
  },
  {
    label: 'Compliance',
    icon: IconShieldCheck,
    items: [
      { label: 'Audit trail', path: '/compliance/audit', permission: 'audit.read' },
      {
        label: 'Disclosures',
        path: '/compliance/disclosures',
        permission: 'compliance.read',
        roles: COMPLIANCE,
        planned: 'Log disclosures of patient information and produce the accounting of disclosures a patient may request.',
      },
      {
        label: 'Incidents',
        path: '/compliance/incidents',
        permission: 'compliance.read',
        roles: COMPLIANCE,
        planned: 'Report and investigate privacy and security incidents, including the breach risk assessment.',
      },
      {
        label: 'Policies',
        path: '/compliance/policies',
        permission: 'compliance.read',
        roles: COMPLIANCE,
        planned: "Keep the practice's policies with versions and record each staff member's acknowledgement.",
      },
    ],
  },
  {
    label: 'Growth',
    icon: IconBuildingHospital,
    items: [
      {
        label: 'Referrals',
        path: '/growth/referrals',
        permission: 'growth.read',
        roles: GROWTH,
        planned: 'Track incoming and outgoing referrals and which referring providers send the most patients.',
      },
      {
        label: 'Campaigns',
        path: '/growth/campaigns',
        permission: 'growth.read',
        roles: ['practice_manager'],
        planned: 'Run marketing campaigns to consenting patients and measure the visits they bring.',
      },
      {
        label: 'Recalls',
        path: '/growth/recalls',
        permission: 'growth.read',
        roles: GROWTH,
        planned: 'Remind patients who are due for a return visit and work the list of overdue recalls.',
      },
      {
        label: 'KPIs',
        path: '/growth/kpis',
        permission: 'growth.read',
        roles: ['practice_manager'],
        planned: 'Follow the key numbers (visits, collections, days in A/R, no-show rate) as trends you can drill into.',
      },
    ],
  },
  {
    label: 'Admin',
    icon: IconSettings,
    items: [
      { label: 'Users', path: '/admin/users', permission: 'user.read' },
      { label: 'Providers', path: '/admin/providers', permission: 'provider.read' },
      { label: 'Locations', path: '/admin/locations', permission: 'location.read' },
    ],
  },
];

export interface Access {
  can: (p: Permission) => boolean;
  hasRole: (r: string) => boolean;
}

export function canSee(item: NavItem, access: Access): boolean {
  if (!item.permission) return true;
  if (SERVER_PERMISSIONS.has(item.permission)) return access.can(item.permission);
  // Planned area whose permission the server does not issue yet.
  if (access.can(item.permission)) return true;
  if (access.hasRole('admin') || access.can('practice.admin')) return true;
  return (item.roles ?? []).some((r) => access.hasRole(r));
}

export function visibleNav(access: Access): NavSection[] {
  return NAV.map((s) => ({ ...s, items: s.items.filter((i) => canSee(i, access)) })).filter((s) => s.items.length > 0);
}

export const PLANNED_ITEMS: NavItem[] = NAV.flatMap((s) => s.items).filter((i) => i.planned);
