import { mkdtempSync } from 'node:fs';
import os from 'node:os'; import path from 'node:path';
import { startEmbeddedPostgres } from '@/server/db/embedded';
import { applyMigrations } from '@/server/db/migrations';
const e = await startEmbeddedPostgres({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'probe-')) });
await applyMigrations(e.url());
console.log(e.url());
setInterval(() => {}, 1 << 30);
