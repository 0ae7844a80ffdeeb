import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DOMAIN_ERRORS } from '@/server/errors';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';

/** The server speaks in codes and message keys; every one of them must read in both languages. */

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));

function schemaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : schemaFiles(full);
    return name === 'schemas.ts' ? [full] : [];
  });
}

describe('message catalogs', () => {
  const zhKeys = new Set(keys(zh as Tree));
  const enKeys = new Set(keys(en as Tree));

  test('zh-CN and en have exactly the same keys', () => {
    expect([...zhKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  test('every domain error code has a message', () => {
    const missing = Object.keys(DOMAIN_ERRORS).filter((code) => !zhKeys.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  test('every validation key used by a zod schema has a message', () => {
    const used = new Set<string>();
    for (const file of schemaFiles(path.resolve('server'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'(validation\.[A-Za-z]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((key) => !zhKeys.has(key))).toEqual([]);
  });

  test('zh-CN messages are Chinese', () => {
    const entries = keys(zh as Tree).map((k) => k.split('.').reduce<Tree | string>((t, p) => (t as Tree)[p]!, zh as Tree) as string);
    const chinese = entries.filter((s) => /[\u4e00-\u9fff]/.test(s));
    expect(chinese.length / entries.length).toBeGreaterThan(0.8);
  });
});
