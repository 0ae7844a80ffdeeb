import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a production build is made from; a change in any of it means build again. */
const INPUTS = ['app', 'server', 'i18n', 'messages', 'public', 'next.config.js', 'package-lock.json', 'tsconfig.json', 'prisma/schema.prisma'];
const SKIP = new Set(['node_modules', '.next', 'generated']);

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (!/\.(test|int\.test)\.tsx?$/.test(entry.name)) yield full;
  }
}

export async function sourceFingerprint(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    const full = path.join(root, input);
    if (!existsSync(full)) continue;
    const list: string[] = [];
    if ((await stat(full)).isDirectory()) {
      for await (const f of files(full)) list.push(f);
    } else list.push(full);
    for (const f of list.sort()) hash.update(path.relative(root, f)).update('\0').update(await readFile(f)).update('\0');
  }
  return hash.digest('hex');
}
