import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';
import type { ArchiveSource } from './verify';

/**
 * An archive ZIP read with yauzl (from its central directory, each entry's CRC-32 and sizes
 * checked as it is read), as the verifier's ArchiveSource. Call `close` when done.
 */
export async function openZip(input: string | Buffer): Promise<ArchiveSource & { close(): void }> {
  const options = { lazyEntries: true, autoClose: false };
  const zip = typeof input === 'string' ? await yauzl.openPromise(input, options) : await yauzl.fromBufferPromise(input, options);
  const entries = new Map<string, yauzl.Entry>();
  const paths: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      paths.push(entry.fileName);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    paths,
    // yauzl checks while reading that an entry holds the size its headers declare
    size: (path) => entries.get(path)?.uncompressedSize ?? 0,
    async read(path) {
      const entry = entries.get(path);
      if (!entry) throw new Error(`${path} is not in the ZIP`);
      return buffer(await zip.openReadStreamPromise(entry));
    },
    close: () => zip.close(),
  };
}
