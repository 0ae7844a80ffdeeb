import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// vitest 5's reporter calls Map.groupBy (Node 21+); this machine runs Node 20.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K) {
      const groups = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        groups.get(k)?.push(item) ?? groups.set(k, [item]);
      }
      return groups;
    },
  });
}

const alias = { '@': path.resolve(import.meta.dirname) };
// Files and the server's seal key that tests make go to a scratch dir, never the app's ./.data.
const DATA_DIR = path.join(os.tmpdir(), `buildledger-vitest-${process.pid}`);

export default defineConfig({
  resolve: { alias },
  test: {
    // A zone east of UTC catches dates handled without their zone (Asia/Shanghai is what users have).
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'app/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          env: { TZ: 'Asia/Shanghai' },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['node_modules/**', 'e2e/**'],
          globalSetup: ['tests/integration/global-setup.ts'],
          // next-auth imports 'next/server' without an extension, which only a bundler resolves.
          server: { deps: { inline: ['next-auth'] } },
          setupFiles: ['tests/integration/database.ts'],
          env: { TZ: 'Asia/Shanghai', DATA_DIR },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: one file per core, each file on its own database.
          maxWorkers: 2,
        },
      },
    ],
  },
});
