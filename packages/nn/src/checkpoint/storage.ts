// Where checkpoints live: Blobs (downloads, uploads), IndexedDB in browsers and workers, files
// in Node (node:fs imported on use, so browser bundles never pull it in), and memory; each
// behind one small CheckpointStore interface that the hooks use.

/** A place to keep checkpoint bytes by key. */
export interface CheckpointStore {
  put(key: string, data: ArrayBuffer): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<ArrayBuffer | undefined>;
  delete(key: string): Promise<void>;
}

/** The bytes as a Blob, for a download link or an upload. */
export function toBlob(data: ArrayBuffer): Blob {
  return new Blob([data], { type: 'application/octet-stream' });
}

/** The bytes of a Blob or File (an `<input type=file>` pick, a fetch response's blob). */
export function fromBlob(blob: Blob): Promise<ArrayBuffer> {
  return blob.arrayBuffer();
}

/** Keeps checkpoints in this page's memory (copies, so later changes to a buffer do not leak in). */
export function memoryStore(): CheckpointStore {
  const kept = new Map<string, ArrayBuffer>();
  return {
    put: async (key, data) => void kept.set(key, data.slice(0)),
    get: async (key) => kept.get(key)?.slice(0),
    delete: async (key) => void kept.delete(key),
  };
}

// ---- Node files -----------------------------------------------------------------------------

interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rm(path: string, options: { force: true }): Promise<void>;
}

async function nodeFs(): Promise<NodeFs> {
  if (!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node) {
    throw new Error('checkpoint: files need Node (node:fs); in a browser use indexedDBStore() or toBlob()');
  }
  // A variable specifier, so that bundlers leave node:fs out of browser builds.
  const name = 'node:fs/promises';
  return (await import(/* @vite-ignore */ name)) as NodeFs;
}

const parentOf = (path: string): string => path.replace(/[/\\][^/\\]*$/, '');

/** Writes the bytes to a file in Node, creating its folder. */
export async function writeFile(path: string, data: ArrayBuffer): Promise<void> {
  const fs = await nodeFs();
  if (parentOf(path) !== path && parentOf(path) !== '') await fs.mkdir(parentOf(path), { recursive: true });
  await fs.writeFile(path, new Uint8Array(data));
}

/** Reads a file in Node. */
export async function readFile(path: string): Promise<ArrayBuffer> {
  const bytes = await (await nodeFs()).readFile(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Keeps checkpoints as files in Node: key `run/step-100.safetensors` is that path under `dir` (default: the working directory). */
export function fileStore(dir = '.'): CheckpointStore {
  const pathOf = (key: string): string => (dir === '.' ? key : `${dir.replace(/[/\\]$/, '')}/${key}`);
  return {
    put: (key, data) => writeFile(pathOf(key), data),
    get: async (key) => {
      try {
        return await readFile(pathOf(key));
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    delete: async (key) => (await nodeFs()).rm(pathOf(key), { force: true }),
  };
}

// ---- IndexedDB ------------------------------------------------------------------------------

const OBJECT_STORE = 'checkpoints';

function openDatabase(name: string): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') throw new Error('checkpoint: IndexedDB is not available here (browsers and workers have it); in Node use fileStore()');
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(OBJECT_STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`checkpoint: cannot open IndexedDB database '${name}': ${request.error?.message ?? 'unknown error'}`));
  });
}

/** Runs one request in its own transaction and resolves with its result once the transaction commits. */
async function transact<T>(name: string, mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDatabase(name);
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(OBJECT_STORE, mode);
      const request = run(tx.objectStore(OBJECT_STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(new Error(`checkpoint: IndexedDB ${mode} in '${name}' failed: ${tx.error?.message ?? request.error?.message ?? 'aborted'}`));
    });
  } finally {
    db.close();
  }
}

/** Keeps checkpoints in the browser's IndexedDB, in database `dbName` (default 'webgrad'). */
export function indexedDBStore(dbName = 'webgrad'): CheckpointStore {
  return {
    put: async (key, data) => void (await transact(dbName, 'readwrite', (s) => s.put(data, key))),
    get: async (key) => (await transact<unknown>(dbName, 'readonly', (s) => s.get(key))) as ArrayBuffer | undefined,
    delete: async (key) => void (await transact(dbName, 'readwrite', (s) => s.delete(key))),
  };
}

/** The persistent store of this platform: IndexedDB where there is one, otherwise files (Node). */
export function platformStore(): CheckpointStore {
  return typeof indexedDB !== 'undefined' ? indexedDBStore() : fileStore();
}
