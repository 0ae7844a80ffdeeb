import { openZip } from '@/server/archive/zip-source';
import { verifyArchive, verifyExtends } from '@/server/archive/verify';

/**
 * npm run verify-archive -- [--key <fingerprint>] <archive.zip>
 * npm run verify-archive -- --against <older.zip> <newer.zip>
 *
 * DESIGN.md Contract 6: no database, no network. Exit 0 with a one-line summary when all
 * holds; exit 1 naming the first thing that does not (2: wrong usage).
 */
const USAGE = 'usage: verify-archive [--key <sha256 of the seal key>] <archive.zip>\n       verify-archive --against <older.zip> <newer.zip>';

async function main(args: string[]): Promise<number> {
  const key = valueOf(args, '--key');
  const against = args.includes('--against');
  const files = args.filter((arg, k) => !arg.startsWith('--') && args[k - 1] !== '--key');
  if (files.length !== (against ? 2 : 1)) {
    console.error(USAGE);
    return 2;
  }
  const summaries: string[] = [];
  const sources: Awaited<ReturnType<typeof openZip>>[] = [];
  try {
    for (const file of files) {
      let source;
      try {
        source = await openZip(file);
      } catch (error) {
        console.error(`FAILED ${file}: not a readable ZIP (${(error as Error).message})`);
        return 1;
      }
      sources.push(source);
      const verdict = await verifyArchive(source, { publicKeyFingerprintSha256: key });
      if (!verdict.ok) {
        console.error(`FAILED ${file}: ${verdict.failure}`);
        return 1;
      }
      summaries.push(
        `${verdict.building.code} ${verdict.building.project.name} ${verdict.building.name}: ${verdict.count} events, head ${verdict.head}, ` +
          `${verdict.files} files, ${verdict.signatures} signatures, sealed by key ${verdict.keyFingerprintSha256}`,
      );
    }
    if (!against) {
      console.log(`OK ${files[0]}: ${summaries[0]}`);
      return 0;
    }
    const extension = await verifyExtends(sources[0]!, sources[1]!);
    if (!extension.ok) {
      console.error(`FAILED ${files[1]} does not extend ${files[0]}: ${extension.failure}`);
      return 1;
    }
    console.log(`OK ${files[1]} extends ${files[0]} by ${extension.added} events: ${summaries[1]}`);
    return 0;
  } finally {
    for (const source of sources) source.close();
  }
}

function valueOf(args: string[], flag: string): string | undefined {
  const k = args.indexOf(flag);
  return k >= 0 ? args[k + 1] : undefined;
}

process.exitCode = await main(process.argv.slice(2).filter((arg) => arg !== '--'));
