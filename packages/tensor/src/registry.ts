// Named backends: register a factory, pick one with setBackend, or let the best available win
// (ready, setBestBackend); backendInfo says which was chosen and why. A started backend whose
// device is lost is forgotten, so the next start asks for a new one.
import type { Backend } from './backend.js';

/** How a backend is being started: by name (`setBackend`, `getBackendInstance`) or by the automatic choice. */
export interface BackendRequest {
  /** True when asked for by name; false for the automatic choice (`ready`, `setBestBackend`). */
  byName: boolean;
  /**
   * For a factory started by name on what the automatic choice would skip (it throws
   * {@link BackendSkipped} then): the automatic choice passes the started instance by too.
   */
  passOver(reason: string): void;
}

/**
 * Thrown by a factory started by the automatic choice to be passed over although it could start:
 * WebGPU on a software adapter, for one. Not remembered as a failure: `setBackend(name)` starts it.
 */
export class BackendSkipped extends Error {
  /** Why, e.g. 'software adapter (SwiftShader)'. */
  readonly reason: string;
  constructor(reason: string) {
    super(`skipped: ${reason}`);
    this.name = 'BackendSkipped';
    this.reason = reason;
  }
}

/** One backend the automatic choice looked at, and what came of it. */
export interface BackendAttempt {
  name: string;
  outcome: 'started' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  reason?: string;
}

/**
 * What `backendInfo()` reports: the backend new tensors go to, how it was chosen and why.
 *
 * @example
 * await ready();
 * backendInfo(); // in Node: { name: 'wasm', chosenBy: 'auto', tried: [webgpu skipped, wasm started],
 *                //   reason: 'webgpu skipped: no WebGPU in this runtime (navigator.gpu is undefined); wasm started' }
 */
export interface BackendInfo {
  name: string;
  /**
   * 'auto': `ready()` or `setBestBackend()` tried the registered backends, best first;
   * 'name': `setBackend(name)`; 'default': an op ran before either, on the synchronous 'js'.
   */
  chosenBy: 'auto' | 'name' | 'default';
  /** One line: the attempts joined (`webgpu skipped: software adapter (SwiftShader); wasm started`), or how it was named. */
  reason: string;
  /** The automatic choice's attempts in order (empty unless chosenBy is 'auto'). */
  tried: BackendAttempt[];
}

interface Entry {
  factory: (request: BackendRequest) => Backend | Promise<Backend>;
  priority: number;
  instance?: Backend;
  /** The start in flight, shared by everyone who asks meanwhile (one device, not two). */
  starting?: Promise<Backend>;
  failure?: Error;
  /** Why the automatic choice passes the started instance by (it skipped this backend, or its factory said so). */
  passOver?: string;
}

const entries = new Map<string, Entry>();
let current: Backend | undefined;
let chosen: BackendInfo | undefined;
let initialising: Promise<Backend> | undefined;
/** Instances whose `lost` has resolved: never handed out again. */
const lostInstances = new WeakSet<Backend>();
const lostListeners = new Set<(name: string, reason: string) => void>();

/**
 * Makes a backend available under `name`. Higher `priority` wins when none is chosen
 * (webgpu 3 > wasm 2 > js 1). Nothing starts until the backend is first asked for: a factory
 * that imports its module and kernels keeps them unloaded until then. It may throw
 * {@link BackendSkipped} when `request.byName` is false to be passed over by the automatic choice.
 */
export function registerBackend(name: string, factory: (request: BackendRequest) => Backend | Promise<Backend>, priority = 0): void {
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

async function instantiate(name: string, byName = true): Promise<Backend> {
  const entry = entries.get(name);
  if (!entry) throw new Error(`setBackend: unknown backend '${name}' (registered: ${listBackends().join(', ') || 'none'})`);
  if (entry.failure) throw entry.failure;
  if (entry.instance) {
    if (!byName && entry.passOver) throw new BackendSkipped(entry.passOver);
    return entry.instance;
  }
  if (entry.starting) {
    // An automatic start that skipped does not answer a start by name: that one starts anew.
    const shared = await entry.starting.catch((e: unknown) => {
      if (byName && e instanceof BackendSkipped) return undefined;
      throw e;
    });
    return shared ?? instantiate(name, byName);
  }
  const start = (async () => {
    try {
      const passOver = (reason: string): void => void (entry.passOver = reason);
      return adopt(name, entry, await entry.factory({ byName, passOver }));
    } catch (e) {
      if (e instanceof BackendSkipped) {
        entry.passOver = e.reason;
        throw e;
      }
      entry.failure = new Error(`setBackend: backend '${name}' failed to start: ${(e as Error).message}`, { cause: e });
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

/** Makes `b` current and remembers why. */
function choose(b: Backend, info: Omit<BackendInfo, 'name'>): Backend {
  current = b;
  chosen = { name: b.name, ...info };
  return b;
}

/** The automatic choice: the registered backends best first; the first that starts and does not skip. */
async function chooseBest(caller: string): Promise<Backend> {
  const tried: BackendAttempt[] = [];
  for (const name of listBackends()) {
    try {
      const b = await instantiate(name, false);
      tried.push({ name, outcome: 'started' });
      const reason = tried.map((a) => (a.reason ? `${a.name} ${a.outcome}: ${a.reason}` : `${a.name} ${a.outcome}`)).join('; ');
      return choose(b, { chosenBy: 'auto', reason, tried });
    } catch (e) {
      const skipped = e instanceof BackendSkipped;
      // A factory's own message, without the registry's wrapping or a leading 'name: '.
      const message = skipped ? e.reason : (((e as Error).cause as Error | undefined) ?? (e as Error)).message;
      const reason = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
      tried.push({ name, outcome: skipped ? 'skipped' : 'failed', reason });
    }
  }
  throw new Error(`${caller}: no backend could start (registered: ${listBackends().join(', ') || 'none'})`);
}

/**
 * Switches to the named backend, starting it if needed (again, on a new device, after its
 * device was lost). New tensors are created there. Rejects for a name that is not registered,
 * or with the reason the backend could not start.
 * @example
 * ```ts
 * await wg.setBackend('wasm'); // 'wasm' is registered by webgradjs (or by importing @webgrad/backend-wasm)
 * ```
 */
export async function setBackend(name: string): Promise<void> {
  choose(await instantiate(name), { chosenBy: 'name', reason: `setBackend('${name}')`, tried: [] });
}

/**
 * Starts the best backend unless one is set (a set one whose device was lost does not count);
 * resolves to it. The rule: the registered backends in priority order (webgpu, wasm, js), the
 * first that starts and does not skip (webgpu skips a software adapter such as SwiftShader:
 * name it with `setBackend('webgpu')` to use one). Await it before the first op: an op that runs
 * before any choice uses the synchronous 'js', and then `ready()` keeps 'js'.
 * @example
 * ```ts
 * const backend = await wg.ready();
 * console.log(backend.name, wg.backendInfo()?.reason); // 'webgpu', 'wasm' or 'js', and why
 * ```
 */
export function ready(): Promise<Backend> {
  if (current && !lostInstances.has(current)) return Promise.resolve(current);
  if (initialising) return initialising;
  const attempt = chooseBest('ready');
  initialising = attempt;
  // Once settled, a later call looks again (the backend it chose may lose its device).
  const settled = (): void => {
    if (initialising === attempt) initialising = undefined;
  };
  attempt.then(settled, settled);
  return attempt;
}

/**
 * Switches to the best registered backend that starts, by `ready()`'s rule (whatever is set now;
 * a lost instance is never picked, a new one is started in its place); resolves to its name.
 */
export async function setBestBackend(): Promise<string> {
  return (await chooseBest('setBestBackend')).name;
}

/**
 * Which backend new tensors go to, how it was chosen and why; undefined before any choice
 * (no op yet, no `ready()` or `setBackend`).
 *
 * @example
 * await ready();
 * console.log(backendInfo()?.reason); // 'webgpu skipped: software adapter (SwiftShader); wasm started'
 */
export function backendInfo(): BackendInfo | undefined {
  return chosen && { ...chosen, tried: chosen.tried.map((a) => ({ ...a })) };
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
  const reason = "an op ran before ready() or setBackend(): the synchronous reference backend 'js' (await ready() first for the best)";
  const instance = js.instance ?? adopt('js', js, js.factory({ byName: false, passOver: () => undefined }) as Backend);
  return choose(instance, { chosenBy: 'default', reason, tried: [] });
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
