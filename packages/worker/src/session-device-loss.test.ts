// A run on WebGPU whose device is lost (GPUDevice.destroy() on Node's Dawn) moves to wasm from its
// in-memory checkpoint and goes on: while playing, and while idle. The checkpoints cost little.
import { describe, expect, it } from 'vitest';
import '@webgrad/autograd';
import '@webgrad/backend-wasm';
import * as wg from '@webgrad/tensor';
import { nodeUnavailableReason, registerNodeWebGPU } from '@webgrad/backend-webgpu/node';
import { DEFAULT_CONFIG, type PlaygroundConfig, type WorkerEvent } from './protocol.js';
import { CHECKPOINT_EVERY_MS } from './recovery.js';
import { Session } from './session.js';

const noAdapter = await nodeUnavailableReason();
registerNodeWebGPU();
if (noAdapter) console.warn(`session device-loss tests skipped: ${noAdapter}`);

const config: PlaygroundConfig = { ...DEFAULT_CONFIG, backend: 'webgpu', dataset: { kind: 'circle', samples: 120, noise: 0.05 }, hidden: [8], batchSize: 16 };

function connect() {
  const events: WorkerEvent[] = [];
  const steps: [number, number][] = [];
  const session = new Session((e) => {
    events.push(e);
    if (e.type === 'state') steps.push([performance.now(), e.step]);
  });
  /** The step the session had reported by time `t`. */
  const stepAt = (t: number) => steps.filter(([at]) => at <= t).at(-1)?.[1] ?? 0;
  const of = <T extends WorkerEvent['type']>(type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
  return { session, events, of, stepAt, state: () => of('state').at(-1)! };
}

/** Destroys the device of the current webgpu instance. */
function destroyDevice(): void {
  const b = wg.backend() as wg.Backend & { device: { destroy(): void } };
  expect(b.name).toBe('webgpu');
  b.device.destroy();
}

describe.skipIf(noAdapter)('a lost GPU device', () => {
  it('while playing: the run resumes on wasm from its latest checkpoint, losing at most one interval, and plays on', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    await s.session.receive({ type: 'play' });
    await new Promise((r) => setTimeout(r, CHECKPOINT_EVERY_MS + 1500));
    const { count, ms } = s.session.checkpoints.cost;
    const beforeLoss = s.state().step;
    const lostAt = performance.now();
    destroyDevice();
    await expect.poll(() => s.of('notice').length, { timeout: 10_000 }).toBe(1);
    const resumedAfter = performance.now() - lostAt;
    const notice = s.of('notice')[0]!;
    const [, lostStep, resumedStep] = /^GPU lost at step (\d+); resumed on wasm from step (\d+)$/.exec(notice.message)!.map(Number);
    expect(notice.level).toBe('info');
    expect(lostStep).toBeGreaterThanOrEqual(beforeLoss);
    expect(resumedStep).toBeGreaterThan(0);
    // At most one checkpoint interval lost: the checkpoint is no older than the interval (and a slice).
    expect(resumedStep).toBeGreaterThanOrEqual(s.stepAt(lostAt - CHECKPOINT_EVERY_MS - 100));
    await expect.poll(() => s.state().step, { timeout: 5000 }).toBeGreaterThan(resumedStep! + 5);
    expect(s.state()).toMatchObject({ state: 'playing', backend: 'wasm' });
    expect(s.state().config?.backend).toBe('wasm');
    await s.session.receive({ type: 'pause' });
    expect(s.of('error')).toEqual([]);
    console.log(`device loss while playing: lost at step ${lostStep}, resumed from ${resumedStep} (${lostStep! - resumedStep!} steps lost) after ${resumedAfter.toFixed(0)} ms; ${count} checkpoints took ${ms.toFixed(1)} ms of ${CHECKPOINT_EVERY_MS + 1500} ms training (${((100 * ms) / (CHECKPOINT_EVERY_MS + 1500)).toFixed(2)} %)`);
    // The checkpoints cost under 5 % of the training time.
    expect(ms / (CHECKPOINT_EVERY_MS + 1500)).toBeLessThan(0.05);
    // webgpu can be chosen again: a new device.
    await s.session.receive({ type: 'setBackend', name: 'webgpu', id: 2 });
    await s.session.receive({ type: 'step', count: 3, id: 3 });
    expect(s.state()).toMatchObject({ backend: 'webgpu', step: 3 });
  }, 60_000);

  it('the views asked for as the device goes get their answers from the moved run, not an error', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    await s.session.receive({ type: 'play' });
    await expect.poll(() => s.state().step, { timeout: 10_000 }).toBeGreaterThan(2);
    destroyDevice();
    await Promise.all([
      s.session.receive({ type: 'snapshot', id: 2 }),
      s.session.receive({ type: 'boundary', id: 3, resolution: 8 }),
      s.session.receive({ type: 'neurons', id: 4, resolution: 8 }),
      s.session.receive({ type: 'predict', id: 5, input: new Float32Array([0.1, 0.2]), shape: [1, 2] }),
    ]);
    expect(s.of('error')).toEqual([]);
    expect(s.events.filter((e) => 'id' in e && (e.id as number) >= 2).map((e) => e.type)).toEqual(['snapshot', 'boundary', 'neurons', 'prediction']);
    expect(s.of('notice').map((n) => n.message)).toEqual([expect.stringMatching(/^GPU lost at step \d+; resumed on wasm from/)]);
    await s.session.receive({ type: 'pause' });
    const at = s.state().step;
    await s.session.receive({ type: 'step', count: 2, id: 6 });
    expect(s.state()).toMatchObject({ backend: 'wasm', state: 'paused', step: at + 2 });
    expect(s.of('error')).toEqual([]);
  }, 60_000);

  it('while idle: the run moves at once, from the step it stopped at', async () => {
    const s = connect();
    await s.session.receive({ type: 'load', config, id: 1 });
    await s.session.receive({ type: 'step', count: 7, id: 2 });
    destroyDevice();
    await expect.poll(() => s.of('notice').length, { timeout: 10_000 }).toBe(1);
    expect(s.of('notice')[0]!.message).toBe('GPU lost at step 7; resumed on wasm from step 7');
    await s.session.receive({ type: 'step', count: 2, id: 3 });
    expect(s.state()).toMatchObject({ backend: 'wasm', step: 9 });
    expect(s.of('error')).toEqual([]);
  }, 60_000);
});
