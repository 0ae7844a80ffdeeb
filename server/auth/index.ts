import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { db } from '@/server/db/client';
import type { GlobalRole } from '@/server/authz/roles';
import { clientAddress, signInWithPassword } from './sign-in';

declare module 'next-auth' {
  interface Session {
    user: { id: string; login: string; roles: GlobalRole[] } & DefaultSession['user'];
  }
}

class SignInRefused extends CredentialsSignin {
  constructor(code: 'invalid_credentials' | 'rate_limited') {
    super();
    this.code = code;
  }
}

/**
 * Sessions are JWTs in an encrypted, http-only cookie (secure under https).
 * The token carries only the user id and the user's session epoch; every
 * request re-loads the user (server/auth/session.ts), so disabling a user or
 * changing a password ends their sessions at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin' },
  logger: {
    error(error) {
      // A refused sign-in is an expected answer (counted by the throttle), not a server fault.
      if ((error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      id: 'credentials',
      credentials: { login: {}, password: {} },
      async authorize(credentials, request) {
        const result = await signInWithPassword(db, credentials, clientAddress(request.headers));
        if (!result.ok) throw new SignInRefused(result.reason);
        return { id: result.userId, epoch: result.sessionEpoch } as { id: string };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.epoch = (user as { epoch?: number }).epoch ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      const user = token.sub
        ? await db.user.findUnique({ where: { id: token.sub }, include: { roles: true } })
        : null;
      if (!user || user.disabledAt || user.sessionEpoch !== token.epoch) {
        return { ...session, user: undefined } as unknown as typeof session;
      }
      session.user = {
        ...session.user,
        id: user.id,
        login: user.login,
        name: user.name,
        roles: user.roles.map((r) => r.role),
      };
      return session;
    },
  },
});
