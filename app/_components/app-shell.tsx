'use client';

import { AuditOutlined, EditOutlined, HomeOutlined, KeyOutlined, LockOutlined, LogoutOutlined, MenuOutlined, SettingOutlined, TeamOutlined, BankOutlined, SafetyCertificateOutlined, MonitorOutlined, ToolOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Menu, Tag, type MenuProps } from 'antd';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';
import { signOutAction } from '@/app/signin/actions';
import type { GLOBAL_ROLES } from '@/server/users/schemas';
import { LocaleSwitcher } from './locale-switcher';

type GlobalRole = (typeof GLOBAL_ROLES)[number];

export type ShellUser = { name: string; login: string; roles: GlobalRole[] };

type NavKey = 'home' | 'tasks' | 'supervision' | 'warranty' | 'organizations' | 'users' | 'chainChecks' | 'tokens' | 'password';

const NAV_PATHS: Record<NavKey, string> = {
  home: '/',
  tasks: '/tasks',
  supervision: '/supervision',
  warranty: '/warranty',
  organizations: '/admin/organizations',
  users: '/admin/users',
  chainChecks: '/admin/chain-checks',
  tokens: '/settings/tokens',
  password: '/settings/password',
};

function selectedKey(pathname: string): NavKey | undefined {
  if (pathname === '/') return 'home';
  return (Object.keys(NAV_PATHS) as NavKey[]).find((key) => key !== 'home' && pathname.startsWith(NAV_PATHS[key]));
}

function SignOutButton({ block }: { block?: boolean }) {
  const t = useTranslations('nav');
  return (
    <form action={signOutAction}>
      <Button htmlType="submit" icon={<LogoutOutlined aria-hidden />} block={block}>
        {t('signOut')}
      </Button>
    </form>
  );
}

function RoleTags({ roles }: { roles: GlobalRole[] }) {
  const t = useTranslations('roles');
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={role === 'ADMIN' ? 'blue' : role === 'INSPECTOR' ? 'geekblue' : 'green'} style={{ marginInlineEnd: 0 }}>
          {t(role)}
        </Tag>
      ))}
    </>
  );
}

/**
 * Header + navigation of the signed-in pages. Wide screens: inline menu and user block
 * in the header. Phones (< 768 px): a 菜单 button opens a drawer with the same links.
 */
export function AppShell({ user, chainAlerts, children }: { user: ShellUser; /** Broken ledgers no ADMIN has acknowledged (ADMIN only) */ chainAlerts: number; children: ReactNode }) {
  const t = useTranslations();
  const pathname = usePathname();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const drawerId = useId();
  const isAdmin = user.roles.includes('ADMIN');
  // The 质监站's desk: its jurisdiction's projects and their signals (ADMIN sees all).
  const supervises = isAdmin || user.roles.includes('INSPECTOR');
  const current = selectedKey(pathname);

  const link = (key: NavKey, label: string) => <Link href={NAV_PATHS[key]}>{label}</Link>;

  const adminChildren = [
    { key: 'organizations', icon: <BankOutlined aria-hidden />, label: link('organizations', t('nav.organizations')) },
    { key: 'users', icon: <TeamOutlined aria-hidden />, label: link('users', t('nav.users')) },
    { key: 'chainChecks', icon: <AuditOutlined aria-hidden />, label: link('chainChecks', t('nav.chainChecks')) },
  ];
  const settingsChildren = [
    { key: 'tokens', icon: <KeyOutlined aria-hidden />, label: link('tokens', t('nav.tokens')) },
    { key: 'password', icon: <LockOutlined aria-hidden />, label: link('password', t('nav.password')) },
  ];

  const supervisionItem = supervises ? [{ key: 'supervision', icon: <MonitorOutlined aria-hidden />, label: link('supervision', t('nav.supervision')) }] : [];
  // A homeowner's units, their warranty and their claims.
  const warrantyItem = user.roles.includes('HOMEOWNER') ? [{ key: 'warranty', icon: <ToolOutlined aria-hidden />, label: link('warranty', t('nav.warranty')) }] : [];
  const desktopItems: MenuProps['items'] = [
    { key: 'home', icon: <HomeOutlined aria-hidden />, label: link('home', t('nav.home')) },
    { key: 'tasks', icon: <EditOutlined aria-hidden />, label: link('tasks', t('nav.tasks')) },
    ...supervisionItem,
    ...warrantyItem,
    ...(isAdmin
      ? [{ key: 'admin', icon: <SafetyCertificateOutlined aria-hidden />, label: t('nav.admin'), children: adminChildren }]
      : []),
    { key: 'settings', icon: <SettingOutlined aria-hidden />, label: t('nav.settings'), children: settingsChildren },
  ];

  const mobileItems: MenuProps['items'] = [
    { key: 'home', icon: <HomeOutlined aria-hidden />, label: link('home', t('nav.home')) },
    { key: 'tasks', icon: <EditOutlined aria-hidden />, label: link('tasks', t('nav.tasks')) },
    ...supervisionItem,
    ...warrantyItem,
    ...(isAdmin ? [{ key: 'admin', type: 'group' as const, label: t('nav.admin'), children: adminChildren }] : []),
    { key: 'settings', type: 'group' as const, label: t('nav.settings'), children: settingsChildren },
  ];

  return (
    <>
      <a className="bl-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="bl-header">
        <Button
          className="bl-only-mobile"
          type="text"
          icon={<MenuOutlined aria-hidden />}
          aria-expanded={drawerOpen}
          aria-controls={drawerId}
          onClick={() => setDrawerOpen(true)}
        >
          {t('nav.openMenu')}
        </Button>
        <Link href="/" className="bl-brand">
          <span className="bl-brand-name">{t('app.name')}</span>
          <span className="bl-brand-sub">{t('app.nameEn')}</span>
        </Link>
        <nav aria-label={t('nav.label')} className="bl-header-nav bl-only-desktop">
          <Menu mode="horizontal" items={desktopItems} selectedKeys={current ? [current] : []} />
        </nav>
        <div className="bl-header-user">
          <span className="bl-only-desktop bl-identity">
            <span className="bl-user-name" title={user.login}>
              {user.name}
            </span>
            <RoleTags roles={user.roles} />
          </span>
          <LocaleSwitcher size="small" />
          <span className="bl-only-desktop">
            <SignOutButton />
          </span>
        </div>
      </header>

      <Drawer
        id={drawerId}
        placement="left"
        size={300}
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        title={t('nav.menuTitle')}
      >
        <section aria-label={t('nav.signedInAs')} style={{ marginBottom: 16 }}>
          <div className="bl-user-name">{user.name}</div>
          <div style={{ color: 'var(--bl-muted)', fontSize: 13 }}>{user.login}</div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 6 }}>
            <RoleTags roles={user.roles} />
          </div>
        </section>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            items={mobileItems}
            selectedKeys={current ? [current] : []}
            onClick={() => setDrawerOpen(false)}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
        <div style={{ marginTop: 24 }}>
          <SignOutButton block />
        </div>
      </Drawer>

      <main id="main" className="bl-main">
        {chainAlerts > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('chainChecks.banner', { count: chainAlerts })}
            action={<Link href={NAV_PATHS.chainChecks}>{t('chainChecks.bannerLink')}</Link>}
            style={{ marginBottom: 16 }}
          />
        )}
        {children}
      </main>
    </>
  );
}
