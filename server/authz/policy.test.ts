import { describe, expect, test } from 'vitest';
import type { Actor } from './actor';
import { ACTIONS, can, inJurisdiction, regionPrefix, type Subject } from './policy';

const actor = (patch: Partial<Actor> = {}): Actor => ({
  userId: 'u1',
  login: 'u1',
  name: 'U',
  roles: [],
  organizationIds: [],
  jurisdiction: [],
  via: 'session',
  ...patch,
});

describe('jurisdiction by GB/T 2260 code', () => {
  test.each([
    ['350000', '35'],
    ['350100', '3501'],
    ['350104', '350104'],
  ])('%s covers codes starting %s', (code, prefix) => expect(regionPrefix(code)).toBe(prefix));

  test('a city covers its districts, not its neighbours', () => {
    expect(inJurisdiction(['350100'], '350104')).toBe(true);
    expect(inJurisdiction(['350100'], '350203')).toBe(false);
    expect(inJurisdiction(['350104'], '350105')).toBe(false);
    expect(inJurisdiction([], '350104')).toBe(false);
  });
});

describe('can', () => {
  const project: Subject = { kind: 'project', projectId: 'p', regionCode: '350104', seats: [], ownsUnit: false };

  test('an actor with no role, seat or ownership may only read their profile, change their password and manage their tokens', () => {
    const nobody = actor();
    const allowed = ACTIONS.filter((a) => can(nobody, a, project) || can(nobody, a, { kind: 'owned', ownerId: nobody.userId }));
    expect(allowed.sort()).toEqual(['password.change', 'profile.read', 'token.create', 'token.list', 'token.revoke']);
  });

  test('an INSPECTOR outside the jurisdiction sees nothing of the project', () => {
    const inspector = actor({ roles: ['INSPECTOR'], jurisdiction: ['350200'] });
    expect(can(inspector, 'project.view', project)).toBe(false);
    expect(can(actor({ roles: ['INSPECTOR'], jurisdiction: ['350100'] }), 'project.view', project)).toBe(true);
  });

  test('jurisdiction means nothing without the INSPECTOR role', () => {
    expect(can(actor({ jurisdiction: ['350100'] }), 'project.view', project)).toBe(false);
  });

  test('a homeowner sees the building of their unit but not the project as a whole', () => {
    const owner = actor({ roles: ['HOMEOWNER'] });
    expect(can(owner, 'building.view', { ...project, ownsUnit: true })).toBe(true);
    expect(can(owner, 'project.view', { ...project, ownsUnit: true })).toBe(false);
  });

  test('token actions are refused through a token, even to an ADMIN', () => {
    const viaToken = actor({ roles: ['ADMIN'], via: 'token' });
    expect(can(viaToken, 'token.create', { kind: 'owned', ownerId: 'u1' })).toBe(false);
    expect(can(viaToken, 'token.list', { kind: 'owned', ownerId: 'u1' })).toBe(true);
    expect(can(actor(), 'token.revoke', { kind: 'owned', ownerId: 'someone else' })).toBe(false);
  });
});
