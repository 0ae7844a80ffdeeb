import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '@/server/generated/prisma/client';

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
/** A service that may run on its own or join a caller's transaction takes `DbOrTx`. */
export type DbOrTx = Db | Tx;

function connectionString(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides the database');
  return url;
}

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: connectionString(), max: 10 }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The one database client of the app. Created on first use so importing it never connects. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    globalForPrisma.prisma ??= createClient();
    const value = Reflect.get(globalForPrisma.prisma, prop);
    return typeof value === 'function' ? value.bind(globalForPrisma.prisma) : value;
  },
});
