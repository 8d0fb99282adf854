// Fuzzes the real training worker in Chromium: hostile messages posted as a page would, each
// followed by a good load and step. Every case: no engine TypeError/RangeError in an answer, the
// fuzzed command answered exactly once when it has an id, the good load and step answered, within
// 2 s of the case before; the worker never dies. Inputs per run: fuzzRuns() (10,000 by default).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { FUZZ_BASE_CONFIG, fuzzMessage } from '../../packages/worker/src/fuzz-commands.js';
import { fuzzRuns } from '../../packages/tensor/src/testing.js';

/** A value as a tree the page rebuilds exactly: typed arrays, buffers, undefined, and own keys such as `__proto__`. */
type Encoded = { t: 'v'; v: unknown } | { t: 'u' } | { t: 'f32' | 'i32' | 'u8'; v: number[] } | { t: 'ab'; v: number[] } | { t: 'a'; v: Encoded[] } | { t: 'o'; v: [string, Encoded][] };

function encode(value: unknown): Encoded {
  if (value === undefined) return { t: 'u' };
  if (value instanceof Float32Array) return { t: 'f32', v: Array.from(value, (x) => (Number.isNaN(x) ? 'NaN' : x) as number) };
  if (value instanceof Int32Array) return { t: 'i32', v: Array.from(value) };
  if (value instanceof Uint8Array) return { t: 'u8', v: Array.from(value) };
  if (value instanceof ArrayBuffer) return { t: 'ab', v: Array.from(new Uint8Array(value)) };
  if (Array.isArray(value)) return { t: 'a', v: value.map(encode) };
  if (typeof value === 'object' && value !== null) return { t: 'o', v: Object.keys(value).map((k) => [k, encode((value as Record<string, unknown>)[k])]) };
  if (typeof value === 'number' && !Number.isFinite(value)) return { t: 'v', v: String(value) === 'NaN' ? 'NaN!' : String(value) + '!' };
  return { t: 'v', v: value };
}

/** The worker's script in the built site (its name carries a content hash). */
const workerScript = readdirSync(fileURLToPath(new URL('../../apps/playground/dist/assets', import.meta.url))).find((f) => /^training-worker-.*\.js$/.test(f));

test(`the training worker answers ${fuzzRuns()} hostile messages and stays alive`, async ({ page }) => {
  test.setTimeout(Math.max(10 * 60_000, fuzzRuns() * 10));
  expect(workerScript, 'apps/playground/dist/assets/training-worker-*.js (build the playground first)').toBeDefined();
  await page.goto('/');
  await page.evaluate((script) => {
    const decode = (e: Encoded): unknown => {
      switch (e.t) {
        case 'u': return undefined;
        case 'f32': return Float32Array.from(e.v, (x) => (x === ('NaN' as unknown as number) ? NaN : x));
        case 'i32': return Int32Array.from(e.v);
        case 'u8': return Uint8Array.from(e.v);
        case 'ab': return Uint8Array.from(e.v).buffer;
        case 'a': return e.v.map(decode);
        case 'o': {
          const o: Record<string, unknown> = {};
          for (const [k, v] of e.v) Object.defineProperty(o, k, { value: decode(v), enumerable: true, configurable: true, writable: true });
          return o;
        }
        default: {
          const v = e.v;
          if (typeof v === 'string' && v.endsWith('!')) return v === 'NaN!' ? NaN : Number(v.slice(0, -1));
          return v;
        }
      }
    };
    const worker = new Worker(`/assets/${script}`, { type: 'module' });
    const answers = new Map<number, { type: string; message?: string; at: number }[]>();
    const engineErrors: string[] = [];
    worker.onmessage = (m: MessageEvent) => {
      const event = m.data as { type: string; id?: number; message?: string };
      if (event.type === 'error' && /^(TypeError|RangeError|ReferenceError|SyntaxError):/.test(event.message ?? '')) engineErrors.push(event.message!);
      if (typeof event.id === 'number') answers.set(event.id, [...(answers.get(event.id) ?? []), { type: event.type, message: event.message, at: performance.now() }]);
    };
    const fuzz = { worker, answers, engineErrors, decode, dead: '' };
    worker.onerror = (e) => void (fuzz.dead = `worker error: ${e.message}`);
    (globalThis as unknown as { fuzz: typeof fuzz }).fuzz = fuzz;
  }, workerScript!);

  const total = fuzzRuns();
  const batch = 250;
  let slowest = 0;
  for (let start = 0; start < total; start += batch) {
    // Each case: the fuzzed message (its id, when usable, made unique), then a good load and step.
    // Sampled a batch at a time (a million messages would not fit in memory at once), each batch seeded.
    const messages = fc.sample(fuzzMessage, { numRuns: Math.min(batch, total - start), seed: 21 + start });
    const cases = messages.map((message, i) => {
      const n = start + i;
      const own = typeof message === 'object' && message !== null && Object.hasOwn(message, 'id');
      const id = own && Number.isSafeInteger((message as { id: unknown }).id) && ((message as { id: number }).id) >= 0 ? 1 + n : undefined;
      if (id !== undefined) Object.defineProperty(message, 'id', { value: id, enumerable: true, configurable: true, writable: true });
      return { message: encode(message), id, load: 1e9 + 2 * n, step: 1e9 + 2 * n + 1 };
    });
    const result = await page.evaluate(async ({ cases, config }) => {
      const { worker, answers, decode } = (globalThis as unknown as { fuzz: { worker: Worker; answers: Map<number, { type: string; at: number }[]>; decode: (e: unknown) => unknown; dead: string } }).fuzz;
      const sentAt = performance.now();
      for (const c of cases) {
        try {
          worker.postMessage(decode(c.message));
        } catch {
          // not structured-cloneable: the page's own postMessage refuses it; nothing reaches the worker
        }
        worker.postMessage({ type: 'load', config, id: c.load });
        worker.postMessage({ type: 'step', count: 1, id: c.step });
      }
      const last = cases.at(-1)!.step;
      const deadline = performance.now() + 2000 * cases.length;
      while (!answers.has(last) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const bad: string[] = [];
      let previous = sentAt;
      let slowest = 0;
      for (const c of cases) {
        const types = (id: number | undefined) => (id === undefined ? [] : (answers.get(id) ?? []).map((a) => a.type));
        if (types(c.load).join() !== 'loaded') bad.push(`load after case: ${types(c.load).join() || 'no answer'}`);
        if (types(c.step).join() !== 'done') bad.push(`step after case: ${types(c.step).join() || 'no answer'}`);
        if (c.id !== undefined && types(c.id).length !== 1) bad.push(`fuzzed command with id ${c.id}: ${types(c.id).length} answers`);
        const at = answers.get(c.step)?.[0]?.at ?? Infinity;
        slowest = Math.max(slowest, at - previous);
        previous = at;
        for (const id of [c.id, c.load, c.step]) if (id !== undefined) answers.delete(id);
      }
      return { bad: bad.slice(0, 5), slowest };
    }, { cases, config: FUZZ_BASE_CONFIG });
    expect(result.bad, `cases ${start}…${start + batch - 1}`).toEqual([]);
    slowest = Math.max(slowest, result.slowest);
  }
  const { engineErrors, dead } = await page.evaluate(() => {
    const f = (globalThis as unknown as { fuzz: { engineErrors: string[]; dead: string } }).fuzz;
    return { engineErrors: f.engineErrors, dead: f.dead };
  });
  expect(engineErrors).toEqual([]);
  expect(dead).toBe('');
  expect(slowest).toBeLessThan(2000);
  console.log(`worker fuzz in Chromium: ${total} inputs, 0 engine errors, 0 hangs, 0 dead workers; slowest case ${slowest.toFixed(0)} ms`);
});
