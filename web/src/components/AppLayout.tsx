import { useEffect, useState } from 'react';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router-dom';
import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useSession } from '../lib/session';
import { roleLabel } from '../lib/format';
import { visibleNav, type NavSection } from '../nav';
import { IdleWatcher } from './IdleWatcher';
import { NavCount } from './NavCount';
import { PatientSearch } from './PatientSearch';

function initials(name: string): string {
  return name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function PlannedMark() {
  return (
    <Text size="xs" c="dimmed" component="span">
      planned
    </Text>
  );
}

/** A section of the navigation with children; it opens whenever one of its pages is shown. */
function NavGroup({ section, isActive }: { section: NavSection; isActive: (path: string) => boolean }) {
  const Icon = section.icon;
  const groupActive = section.items.some((i) => isActive(i.path));
  const [opened, setOpened] = useState(groupActive);
  useEffect(() => {
    if (groupActive) setOpened(true);
  }, [groupActive]);
  return (
    <NavLink
      label={section.label}
      leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
      opened={opened}
      onChange={setOpened}
      childrenOffset={28}
    >
      {section.items.map((item) => (
        <NavLink
          key={item.path}
          component={RouterNavLink}
          to={item.path}
          end
          label={item.label}
          active={isActive(item.path)}
          rightSection={item.planned ? <PlannedMark /> : item.count ? <NavCount which={item.count} /> : undefined}
        />
      ))}
    </NavLink>
  );
}

export function AppLayout() {
  const session = useSession();
  const me = session.me!;
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const sections = visibleNav(session);

  useEffect(() => close(), [location.pathname, close]);

  // The item whose path is the longest prefix of the address is the active one
  // ("/schedule/board" is the board, not also the calendar at "/schedule").
  const matches = (path: string) => location.pathname === path || location.pathname.startsWith(path + '/');
  const activePath = sections
    .flatMap((s) => s.items.map((i) => i.path))
    .filter(matches)
    .sort((a, b) => b.length - a.length)[0];
  const isActive = (path: string) => path === activePath;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: { base: 220, lg: 240 }, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={navOpened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <UnstyledButton component={Link} to="/" aria-label="Praxis home">
              <Group gap={8} wrap="nowrap">
                <img src="/favicon.svg" alt="" width={28} height={28} />
                <Text fw={700} size="lg" c="praxis.8">
                  Praxis
                </Text>
              </Group>
            </UnstyledButton>
            <Text c="dimmed" size="sm" truncate visibleFrom="md" maw={220} title={me.practice.name}>
              {me.practice.name}
            </Text>
          </Group>
          <PatientSearch />
          <Menu position="bottom-end" width={240} withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label={`User menu for ${me.user.display_name}`}>
                <Group gap={8} wrap="nowrap">
                  <Avatar size={32} radius="xl" color="praxis">
                    {initials(me.user.display_name || me.user.email)}
                  </Avatar>
                  <Text size="sm" fw={500} visibleFrom="lg" truncate maw={160}>
                    {me.user.display_name}
                  </Text>
                  <IconChevronDown size={14} aria-hidden />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>
                <Text size="sm" fw={600} c="dark">
                  {me.user.display_name}
                </Text>
                <Text size="xs">{me.user.email}</Text>
                <Text size="xs">{me.user.roles.map(roleLabel).join(', ')}</Text>
              </Menu.Label>
              <Menu.Divider />
              {!me.user.totp_enabled ? (
                <Menu.Item component={Link} to="/enrol-totp" leftSection={<IconShieldLock size={16} />}>
                  Set up two-step sign-in
                </Menu.Item>
              ) : null}
              <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void session.signOut('signed-out')}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Areas">
            {sections.map((s) => {
              const Icon = s.icon;
              const single = s.items.length === 1 && s.items[0].label === s.label;
              if (single) {
                const item = s.items[0];
                return (
                  <NavLink
                    key={s.label}
                    component={RouterNavLink}
                    to={item.path}
                    label={item.label}
                    leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
                    active={isActive(item.path)}
                    rightSection={item.planned ? <PlannedMark /> : undefined}
                  />
                );
              }
              return <NavGroup key={s.label} section={s} isActive={isActive} />;
            })}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Outlet />
      </AppShell.Main>
      <IdleWatcher timeoutSeconds={me.idle_timeout_seconds} />
    </AppShell>
  );
}
