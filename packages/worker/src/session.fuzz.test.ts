// Fuzzes the worker protocol as the worker runs it (a Session in Node): whatever message arrives,
// no internal TypeError or RangeError escapes, an answer with its id comes when it has one, the
// next good load and step work within 2 s, and the queue never dies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '@webgrad/autograd';
import '@webgrad/backend-wasm';
import { fuzzRuns } from '@webgrad/tensor/testing';
import { idOf } from './commands.js';
import { FUZZ_BASE_CONFIG, fuzzMessage } from './fuzz-commands.js';
import type { WorkerEvent } from './protocol.js';
import { Session } from './session.js';

describe('the worker protocol under fuzzing (Session in Node)', () => {
  it(`answers ${fuzzRuns()} hostile messages and stays alive after each`, async () => {
    const events: WorkerEvent[] = [];
    const session = new Session((e) => void events.push(e));
    let nextId = 2_000_000;
    const stats = { inputs: 0, slow: 0, dead: 0, internal: 0 };
    await fc.assert(
      fc.asyncProperty(fuzzMessage, async (message) => {
        stats.inputs++;
        events.length = 0;
        const started = performance.now();
        // Not awaited: a valid step or play may run on; the load after it interrupts it, as a page's would.
        const fuzzed = session.receive(message);
        const [load, step] = [nextId++, nextId++];
        await session.receive({ type: 'load', config: FUZZ_BASE_CONFIG, id: load });
        await session.receive({ type: 'step', count: 1, id: step });
        await fuzzed;
        const elapsed = performance.now() - started;
        const answersTo = (id: number) => events.filter((e) => 'id' in e && e.id === id);
        const errors = events.filter((e): e is Extract<WorkerEvent, { type: 'error' }> => e.type === 'error');
        const internal = errors.find((e) => /^(TypeError|RangeError|ReferenceError|SyntaxError):/.test(e.message));
        if (internal) stats.internal++;
        expect(internal?.message, `internal error for ${fc.stringify(message)}`).toBeUndefined();
        expect(elapsed, `took ${elapsed.toFixed(0)} ms: ${fc.stringify(message)}`).toBeLessThan(2000);
        expect(answersTo(load).map((e) => e.type)).toEqual(['loaded']);
        expect(answersTo(step).map((e) => e.type)).toEqual(['done']);
        const id = idOf(message);
        if (id !== undefined) expect(answersTo(id).length, `answers to ${fc.stringify(message)}`).toBe(1);
      }),
      { numRuns: fuzzRuns(), seed: 11 },
    );
    console.log(`session fuzz: ${stats.inputs} inputs, ${stats.internal} internal errors, 0 hangs, 0 dead sessions`);
  }, 3_600_000);
});
