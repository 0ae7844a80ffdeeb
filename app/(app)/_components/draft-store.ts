'use client';

/**
 * Drafts of forms filled on site, kept in the browser's IndexedDB (native API, no wrapper) so
 * that nothing typed is lost to a dropped connection, a reload or a closed tab
 * (../shared/notes/offline-stack.md, "Capture on phones with a weak connection"). A draft
 * carries the idempotency key of its submission: a retry after a dropped response replays
 * with the same key and the server answers with the record it already made.
 *
 * Never put secrets (passwords) into a draft: IndexedDB is plain storage on the device.
 */

const DB_NAME = 'buildledger-drafts';
const DB_VERSION = 1;
const STORE = 'drafts';

export interface Draft<Values> {
  /** e.g. `self-check:<userId>:<lotId>` */
  key: string;
  values: Values;
  /** Made once per draft; sent with every submission attempt of this draft. */
  idempotencyKey: string;
  /** Date.now() of the last save */
  savedAt: number;
}

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available'));
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'key' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrades the database: let it, and open again next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      db.onclose = () => {
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB open failed'));
    };
    request.onblocked = () => {
      opening = null;
      reject(new Error('IndexedDB open blocked'));
    };
  });
  return opening;
}

/** Runs one request in its own transaction; resolves when the transaction has committed. */
async function run<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode, { durability: 'strict' });
    const request = make(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error ?? request.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export async function loadDraft<Values>(key: string): Promise<Draft<Values> | null> {
  const found = await run<Draft<Values> | undefined>('readonly', (store) => store.get(key) as IDBRequest<Draft<Values> | undefined>);
  return found ?? null;
}

/** Resolves once the draft is on the device (the transaction committed). */
export async function saveDraft<Values>(draft: Draft<Values>): Promise<void> {
  await run('readwrite', (store) => store.put(draft));
}

export async function deleteDraft(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key));
}

/** The keys of the drafts whose key starts with `prefix` (to show what is still unsent). */
export async function draftKeys(prefix: string): Promise<string[]> {
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  const keys = await run<IDBValidKey[]>('readonly', (store) => store.getAllKeys(range));
  return keys.filter((k): k is string => typeof k === 'string');
}

/**
 * A random UUID v4 for an idempotency key. crypto.randomUUID exists only in secure contexts
 * (HTTPS, localhost); a site server reached over plain HTTP on a LAN still has getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
