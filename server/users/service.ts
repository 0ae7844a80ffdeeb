import type { Actor } from '@/server/authz/actor';
import { authorize } from '@/server/authz/policy';
import { hashPassword } from '@/server/auth/password';
import { reauthenticate } from '@/server/auth/reauthenticate';
import type { Db, DbOrTx } from '@/server/db/client';
import { isUniqueViolation } from '@/server/db/errors';
import { DomainError } from '@/server/errors';
import { maskPhone } from '@/server/identity/mask';
import { rewrapSigningKey } from '@/server/signatures/keys';
import { changePasswordInput, createUserInput, type ChangePasswordInput, type CreateUserInput, type SetUserDisabledInput } from './schemas';


export async function createUser(db: Db, actor: Actor, input: CreateUserInput) {
  authorize(actor, 'user.create');
  const data = createUserInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    if (data.organizationId) {
      const org = await tx.organization.findUnique({ where: { id: data.organizationId }, select: { kind: true } });
      if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', 'organizationId');
      if (data.roles.includes('INSPECTOR') && org.kind !== 'QUALITY_AGENCY') {
        throw new DomainError('INSPECTOR_NEEDS_AGENCY', 'organizationId');
      }
    }
    try {
      return await tx.user.create({
        data: {
          login: data.login,
          name: data.name,
          phone: data.phone ?? null,
          passwordHash,
          createdById: actor.userId,
          roles: { create: [...new Set(data.roles)].map((role) => ({ role })) },
          memberships: data.organizationId
            ? { create: { organizationId: data.organizationId, title: data.title || null } }
            : undefined,
        },
        select: { id: true, login: true, name: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('LOGIN_TAKEN', 'login');
      throw error;
    }
  });
}

/**
 * A user changes their own password, proving the current one. A wrong current
 * password counts as a failed sign-in (the same throttle), so a stolen session
 * cannot be used to guess it. Every session of the user ends, this one included.
 */
export async function changePassword(db: Db, actor: Actor, input: ChangePasswordInput) {
  authorize(actor, 'password.change');
  const data = changePasswordInput.parse(input);
  await reauthenticate(db, actor, data.currentPassword, 'currentPassword');
  const passwordHash = await hashPassword(data.newPassword);
  // The signing key is re-wrapped under the new password in the same transaction (DESIGN.md "Signatures").
  const rewrapped = await rewrapSigningKey(db, actor.userId, data.currentPassword, data.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, sessionEpoch: { increment: 1 } } });
    if (rewrapped) await tx.signingKey.update({ where: { id: rewrapped.id }, data: { wrappedKey: rewrapped.wrappedKey, kdf: rewrapped.kdf } });
  });
  return { changed: true };
}

/**
 * Disabling ends the user's sessions at once (the epoch moves on) and stops
 * their API tokens; nothing of theirs is deleted (they stay answerable).
 */
export async function setUserDisabled(db: Db, actor: Actor, input: SetUserDisabledInput) {
  authorize(actor, 'user.disable');
  if (input.userId === actor.userId) throw new DomainError('CANNOT_DISABLE_SELF', 'userId');
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { disabledAt: true } });
  if (!user) throw new DomainError('USER_NOT_FOUND', 'userId');
  if ((user.disabledAt !== null) === input.disabled) return { id: input.userId, disabled: input.disabled };
  await db.user.update({
    where: { id: input.userId },
    data: { disabledAt: input.disabled ? new Date() : null, sessionEpoch: { increment: 1 } },
  });
  return { id: input.userId, disabled: input.disabled };
}

export async function listUsers(db: DbOrTx, actor: Actor) {
  authorize(actor, 'user.list');
  const users = await db.user.findMany({
    orderBy: { createdAt: 'asc' },
    include: { roles: true, memberships: { include: { organization: { select: { id: true, name: true } } } } },
  });
  return users.map((u) => ({
    id: u.id,
    login: u.login,
    name: u.name,
    phoneMasked: u.phone ? maskPhone(u.phone) : null,
    roles: u.roles.map((r) => r.role),
    organizations: u.memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, title: m.title })),
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
  }));
}

export async function getProfile(db: DbOrTx, actor: Actor) {
  authorize(actor, 'profile.read');
  const memberships = await db.membership.findMany({
    where: { userId: actor.userId },
    include: { organization: { select: { id: true, name: true, kind: true } } },
  });
  return {
    id: actor.userId,
    login: actor.login,
    name: actor.name,
    roles: actor.roles,
    organizations: memberships.map((m) => ({ ...m.organization, title: m.title })),
  };
}
