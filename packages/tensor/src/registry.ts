// Named backends: register a factory, pick one with setBackend, or let the best available win.
import type { Backend } from './backend.js';

interface Entry {
  factory: () => Backend | Promise<Backend>;
  priority: number;
  instance?: Backend;
  failure?: Error;
}

const entries = new Map<string, Entry>();
let current: Backend | undefined;
let initialising: Promise<Backend> | undefined;

/**
 * Makes a backend available under `name`. Higher `priority` wins when none is chosen
 * (webgpu 3 > wasm 2 > js 1).
 */
export function registerBackend(name: string, factory: () => Backend | Promise<Backend>, priority = 0): void {
  entries.set(name, { factory, priority });
}

/** Names of the registered backends, best first. */
export function listBackends(): string[] {
  return [...entries.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([name]) => name);
}

async function instantiate(name: string): Promise<Backend> {
  const entry = entries.get(name);
  if (!entry) throw new Error(`setBackend: unknown backend '${name}' (registered: ${listBackends().join(', ') || 'none'})`);
  if (entry.failure) throw entry.failure;
  try {
    entry.instance ??= await entry.factory();
    return entry.instance;
  } catch (e) {
    entry.failure = new Error(`setBackend: backend '${name}' failed to start: ${(e as Error).message}`);
    throw entry.failure;
  }
}

/** Switches to the named backend, starting it if needed. New tensors are created there. */
export async function setBackend(name: string): Promise<void> {
  current = await instantiate(name);
}

/** Starts the best available backend unless one is set; resolves to it. */
export function ready(): Promise<Backend> {
  if (current) return Promise.resolve(current);
  initialising ??= (async () => {
    for (const name of listBackends()) {
      try {
        current = await instantiate(name);
        return current;
      } catch {
        // try the next best
      }
    }
    throw new Error(`ready: no backend could start (registered: ${listBackends().join(', ') || 'none'})`);
  })();
  return initialising;
}

/** Switches to the best registered backend that starts (whatever is set now); resolves to its name. */
export async function setBestBackend(): Promise<string> {
  for (const name of listBackends()) {
    try {
      current = await instantiate(name);
      return name;
    } catch {
      // try the next best
    }
  }
  throw new Error(`setBestBackend: no backend could start (registered: ${listBackends().join(', ') || 'none'})`);
}

/**
 * The backend new tensors go to. Before any `setBackend` or `ready`, the synchronous reference
 * backend 'js' is used, so scripts work without an await.
 */
export function backend(): Backend {
  if (current) return current;
  const js = entries.get('js');
  if (!js) throw new Error(`backend: none is set; call await setBackend(name) (registered: ${listBackends().join(', ') || 'none'})`);
  js.instance ??= js.factory() as Backend;
  current = js.instance;
  return current;
}

/** The name of the backend new tensors go to. */
export function getBackend(): string {
  return backend().name;
}

/** The started instance of a named backend (for tests and tools). */
export function getBackendInstance(name: string): Promise<Backend> {
  return instantiate(name);
}

/**
 * Runs the synchronous `fn` with `b` as the backend new tensors go to, and restores the one
 * before (even if `fn` throws); nests. Lets code that owns tensors on one backend (a Trainer)
 * run beside code that changes the current one. `fn` must not return a promise: its work after
 * the first await would run on whatever backend is current then.
 *
 * @example
 * const wasm = await getBackendInstance('wasm');
 * const x = withBackend(wasm, () => zeros([2, 2])); // on wasm, whatever setBackend said
 */
export function withBackend<T>(b: Backend, fn: () => T): T {
  const previous = current;
  current = b;
  let result: T;
  try {
    result = fn();
  } finally {
    current = previous;
  }
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    throw new Error(`withBackend: fn must be synchronous, but it returned a promise; backend '${b.name}' was current only until its first await`);
  }
  return result;
}
