// Named backends: register a factory, pick one with setBackend, or let the best available win.
// A started backend whose device is lost is forgotten, so the next start asks for a new one.
import type { Backend } from './backend.js';

interface Entry {
  factory: () => Backend | Promise<Backend>;
  priority: number;
  instance?: Backend;
  /** The start in flight, shared by everyone who asks meanwhile (one device, not two). */
  starting?: Promise<Backend>;
  failure?: Error;
}

const entries = new Map<string, Entry>();
let current: Backend | undefined;
let initialising: Promise<Backend> | undefined;
/** Instances whose `lost` has resolved: never handed out again. */
const lostInstances = new WeakSet<Backend>();
const lostListeners = new Set<(name: string, reason: string) => void>();

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

/**
 * Calls `listener(name, reason)` when a backend the registry started loses its device for good
 * (its `lost` resolves). By then the registry has forgotten the instance: `setBackend(name)`
 * starts a new one. The current backend stays the dead one until something switches, so ops on
 * it throw `DeviceLostError`. Returns a function that removes the listener.
 *
 * @example
 * const off = onBackendLost((name, reason) => console.warn(`${name} lost (${reason})`));
 * off();
 */
export function onBackendLost(listener: (name: string, reason: string) => void): () => void {
  lostListeners.add(listener);
  return () => void lostListeners.delete(listener);
}

/** Keeps a started instance, and forgets it (telling listeners) if its device is lost. */
function adopt(name: string, entry: Entry, instance: Backend): Backend {
  entry.instance = instance;
  instance.lost?.then(
    (reason) => {
      lostInstances.add(instance);
      if (entry.instance === instance) entry.instance = undefined;
      for (const listener of [...lostListeners]) {
        try {
          listener(name, reason);
        } catch (e) {
          // One failing listener must not keep the others from hearing; report it as EventTarget would.
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    },
    () => {
      // a `lost` that rejects says nothing about the device
    },
  );
  return instance;
}

async function instantiate(name: string): Promise<Backend> {
  const entry = entries.get(name);
  if (!entry) throw new Error(`setBackend: unknown backend '${name}' (registered: ${listBackends().join(', ') || 'none'})`);
  if (entry.failure) throw entry.failure;
  if (entry.instance) return entry.instance;
  if (entry.starting) return entry.starting;
  const start = (async () => {
    try {
      return adopt(name, entry, await entry.factory());
    } catch (e) {
      entry.failure = new Error(`setBackend: backend '${name}' failed to start: ${(e as Error).message}`);
      throw entry.failure;
    }
  })();
  entry.starting = start;
  const settled = (): void => {
    if (entry.starting === start) entry.starting = undefined;
  };
  start.then(settled, settled);
  return start;
}

/**
 * Switches to the named backend, starting it if needed (again, on a new device, after its
 * device was lost). New tensors are created there. Rejects for a name that is not registered,
 * or with the reason the backend could not start.
 * @example
 * ```ts
 * import '@webgrad/backend-wasm';   // registers 'wasm'
 * await wg.setBackend('wasm');
 * ```
 */
export async function setBackend(name: string): Promise<void> {
  current = await instantiate(name);
}

/**
 * Starts the best available backend unless one is set (a set one whose device was lost does not
 * count); resolves to it. Registered backends are tried best first (highest priority); rejects
 * only when none can start.
 * @example
 * ```ts
 * const backend = await wg.ready();
 * console.log(backend.name); // 'webgpu', 'wasm' or 'js'
 * ```
 */
export function ready(): Promise<Backend> {
  if (current && !lostInstances.has(current)) return Promise.resolve(current);
  if (initialising) return initialising;
  const attempt = (async () => {
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
  initialising = attempt;
  // Once settled, a later call looks again (the backend it chose may lose its device).
  const settled = (): void => {
    if (initialising === attempt) initialising = undefined;
  };
  attempt.then(settled, settled);
  return attempt;
}

/**
 * Switches to the best registered backend that starts (whatever is set now; a lost instance is
 * never picked, a new one is started in its place); resolves to its name.
 */
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
 * backend 'js' is used, so scripts work without an await. A current backend whose device was
 * lost is still returned (its ops throw `DeviceLostError`) until something switches.
 */
export function backend(): Backend {
  if (current) return current;
  const js = entries.get('js');
  if (!js) throw new Error(`backend: none is set; call await setBackend(name) (registered: ${listBackends().join(', ') || 'none'})`);
  current = js.instance ?? adopt('js', js, js.factory() as Backend);
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
