// Checkpoint storage: Blob round trips, the memory store's copies, Node files (folders made,
// missing keys undefined), IndexedDB through a small in-memory stand-in, and the guards that
// say what a runtime lacks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { fileStore, fromBlob, indexedDBStore, memoryStore, platformStore, readFile, toBlob, writeFile } from './storage.js';

const dir = mkdtempSync(join(tmpdir(), 'webgrad-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllGlobals());

const bytes = (...v: number[]): ArrayBuffer => Uint8Array.from(v).buffer;
const list = (b: ArrayBuffer | undefined): number[] | undefined => (b ? Array.from(new Uint8Array(b)) : undefined);

/** Just enough of IndexedDB (open with upgrade, one object store, put/get/delete in transactions), async like the real one. */
function fakeIndexedDB(): IDBFactory {
  const databases = new Map<string, Map<string, unknown>>();
  const later = (f: () => void): void => void setTimeout(f, 0);
  return {
    open(name: string) {
      const request: Record<string, any> = {};
      later(() => {
        if (!databases.has(name)) {
          databases.set(name, new Map());
          request.result = { createObjectStore: () => undefined };
          request.onupgradeneeded?.();
        }
        const rows = databases.get(name)!;
        request.result = {
          close: () => undefined,
          transaction: () => {
            const tx: Record<string, any> = {};
            const run = (f: () => unknown) => {
              const r: Record<string, any> = {};
              later(() => {
                r.result = f();
                tx.oncomplete?.();
              });
              return r;
            };
            tx.objectStore = () => ({
              put: (value: unknown, key: string) => run(() => void rows.set(key, value)),
              get: (key: string) => run(() => rows.get(key)),
              delete: (key: string) => run(() => void rows.delete(key)),
            });
            return tx;
          },
        };
        request.onsuccess?.();
      });
      return request;
    },
  } as unknown as IDBFactory;
}

describe('checkpoint storage', () => {
  it('round-trips bytes through a Blob', async () => {
    const blob = toBlob(bytes(1, 2, 3));
    expect(blob.type).toBe('application/octet-stream');
    expect(list(await fromBlob(blob))).toEqual([1, 2, 3]);
  });

  it('memory store keeps copies and forgets on delete', async () => {
    const store = memoryStore();
    const data = new Uint8Array([4, 5]);
    await store.put('a', data.buffer);
    data[0] = 9;
    expect(list(await store.get('a'))).toEqual([4, 5]);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('writes and reads files in Node, making folders; a missing key is undefined', async () => {
    await writeFile(join(dir, 'deep', 'er', 'x.safetensors'), bytes(7, 8));
    expect(Array.from(readFileSync(join(dir, 'deep', 'er', 'x.safetensors')))).toEqual([7, 8]);
    expect(list(await readFile(join(dir, 'deep', 'er', 'x.safetensors')))).toEqual([7, 8]);
    const store = fileStore(dir);
    await store.put('run/step-1.safetensors', bytes(1));
    expect(list(await store.get('run/step-1.safetensors'))).toEqual([1]);
    expect(await store.get('run/none.safetensors')).toBeUndefined();
    await store.delete('run/step-1.safetensors');
    expect(await store.get('run/step-1.safetensors')).toBeUndefined();
    await expect(readFile(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });

  it('keeps checkpoints in IndexedDB where there is one, and says where there is none', async () => {
    await expect(indexedDBStore().get('a')).rejects.toThrow('checkpoint: IndexedDB is not available here (browsers and workers have it); in Node use fileStore()');
    vi.stubGlobal('indexedDB', fakeIndexedDB());
    const store = platformStore();
    await store.put('model', bytes(3, 1, 4));
    expect(list(await indexedDBStore().get('model'))).toEqual([3, 1, 4]);
    expect(await store.get('other')).toBeUndefined();
    await store.delete('model');
    expect(await store.get('model')).toBeUndefined();
  });

  it('says files need Node where there is no process', async () => {
    vi.stubGlobal('process', undefined);
    await expect(readFile('x')).rejects.toThrow('checkpoint: files need Node (node:fs); in a browser use indexedDBStore() or toBlob()');
  });
});
