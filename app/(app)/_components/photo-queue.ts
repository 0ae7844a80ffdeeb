'use client';

/**
 * Photos taken on site wait here, on the phone, until the server has stored them and confirmed
 * their SHA-256 (../shared/notes/offline-stack.md, "Capture on phones with a weak connection").
 * Each photo keeps its bytes, the phone's time, and one idempotency key for every upload attempt;
 * after the receipt only the receipt is kept (the bytes are the server's now).
 */

const DB_NAME = 'buildledger-photos';
const STORE = 'photos';

export interface QueuedPhoto {
  /** The idempotency key of its upload, also its key here */
  key: string;
  /** Which form it belongs to (e.g. the draft's key) */
  owner: string;
  buildingId: string;
  name: string;
  /** The bytes, until the receipt */
  blob: Blob | null;
  /** SHA-256 the phone computed, hex: the receipt must say the same */
  sha256: string;
  /** The phone's clock when the photo was taken or picked, ISO */
  deviceTakenAt: string;
  /** The server's receipt once it has stored the bytes */
  receipt: { id: string; sha256: string; flags: string[] } | null;
  addedAt: number;
}

let opening: Promise<IDBDatabase> | null = null;
function openDb(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('IndexedDB is not available'));
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'key' });
      store.createIndex('owner', 'owner');
    };
    request.onsuccess = () => {
      request.result.onversionchange = () => {
        request.result.close();
        opening = null;
      };
      resolve(request.result);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB open failed'));
    };
  });
  return opening;
}

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

export const photosOf = (owner: string) =>
  run<QueuedPhoto[]>('readonly', (store) => store.index('owner').getAll(owner) as IDBRequest<QueuedPhoto[]>).then((all) => all.sort((a, b) => a.addedAt - b.addedAt));
export const putPhoto = (photo: QueuedPhoto) => run('readwrite', (store) => store.put(photo)).then(() => undefined);
export const deletePhoto = (key: string) => run('readwrite', (store) => store.delete(key)).then(() => undefined);

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class UploadRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * Sends one queued photo (POST /api/photos). Resolves with the photo as stored once the server's
 * SHA-256 matches the phone's; a refusal (4xx) is an UploadRefused; anything else (offline, 5xx)
 * throws to be retried later with the same key.
 */
export async function uploadQueued(photo: QueuedPhoto): Promise<QueuedPhoto> {
  if (photo.receipt || !photo.blob) return photo;
  const body = new FormData();
  body.set('file', photo.blob, photo.name);
  body.set('buildingId', photo.buildingId);
  body.set('deviceTakenAt', photo.deviceTakenAt);
  body.set('idempotencyKey', photo.key);
  const response = await fetch('/api/photos', { method: 'POST', body });
  const json = (await response.json().catch(() => null)) as { id?: string; sha256?: string; flags?: string[]; error?: string } | null;
  if (response.status >= 400 && response.status < 500) throw new UploadRefused(json?.error ?? 'UNKNOWN');
  if (!response.ok || !json?.id || !json.sha256) throw new Error(`upload failed: ${response.status}`);
  if (json.sha256 !== photo.sha256) throw new UploadRefused('HASH_MISMATCH');
  const stored: QueuedPhoto = { ...photo, blob: null, receipt: { id: json.id, sha256: json.sha256, flags: json.flags ?? [] } };
  await putPhoto(stored);
  return stored;
}

/** After the record that used them is confirmed: the stored photos' receipts are no longer needed here. */
export async function forgetStoredPhotos(owner: string): Promise<void> {
  for (const photo of await photosOf(owner)) if (photo.receipt) await deletePhoto(photo.key);
}
