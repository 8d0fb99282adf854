// A lost device on Node's Dawn (simulated with GPUDevice.destroy()): ops, writes and reads fail
// with DeviceLostError, reads already waiting too; the registry forgets the dead instance and
// tells onBackendLost listeners; setBackend, setBestBackend and ready start a new device.
/// <reference types="@webgpu/types" preserve="true" />
import { backend, DeviceLostError, fromValues, getBackend, onBackendLost, ready, setBackend, setBestBackend, tensor, type Backend } from '@webgrad/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebGPUBackend } from './backend.js';
import { DeviceLoss } from './device-loss.js';
import { nodeUnavailableReason, registerNodeWebGPU } from './node.js';

const reason = await nodeUnavailableReason();
registerNodeWebGPU({ allowSoftware: true }); // ready() and setBestBackend() below may pick SwiftShader

const LOST = /^webgpu: cannot (.+): the GPU device was lost \(destroyed: .+\); start the backend again with setBackend\('webgpu'\) or use another backend$/;

/** Expects a DeviceLostError for `action` from the webgpu backend. */
function expectLost(e: unknown, action: string): void {
  expect(e).toBeInstanceOf(DeviceLostError);
  const err = e as DeviceLostError;
  expect(err.message).toMatch(LOST);
  expect(err.message).toContain(`cannot ${action}:`);
  expect([err.name, err.backend]).toEqual(['DeviceLostError', 'webgpu']);
  expect(err.reason).toMatch(/^destroyed/);
}

/** What a promise did within `ms`: its value, its error, or nothing. */
async function within<T>(p: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown; settled: boolean; ms: number }> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  try {
    const value = await Promise.race([p, timeout]);
    if (value === 'timeout') return { settled: false, ms: performance.now() - t0 };
    return { value: value as T, settled: true, ms: performance.now() - t0 };
  } catch (error) {
    return { error, settled: true, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

/** The current 'webgpu' instance, started now if need be. */
async function webgpu(): Promise<WebGPUBackend> {
  await setBackend('webgpu');
  return backend() as WebGPUBackend;
}

/** An op on `b` whose value is read back, to show `b` works. */
async function works(b: Backend): Promise<void> {
  const x = fromValues([1, 2, 3], [3], 'float32', b);
  expect(Array.from(await x.mul(x).add(1).data())).toEqual([2, 5, 10]);
}

describe('device loss without a device', () => {
  /** A stand-in GPUDevice: only `lost` is used. */
  const fakeDevice = () => {
    let lose!: (info: GPUDeviceLostInfo) => void;
    const lost = new Promise<GPUDeviceLostInfo>((r) => (lose = r));
    return { device: { lost } as unknown as GPUDevice, lose: (reason: GPUDeviceLostReason, message: string) => lose({ reason, message } as GPUDeviceLostInfo) };
  };

  it('a wait that would never settle rejects with DeviceLostError when the device goes', async () => {
    const { device, lose } = fakeDevice();
    const heard: DeviceLostError[] = [];
    const loss = new DeviceLoss('webgpu', device, (e) => heard.push(e));
    const never = loss.race(new Promise<never>(() => {}), 'read a tensor');
    lose('unknown', 'GPU reset');
    const r = await within(never, 1000);
    expect(r.settled).toBe(true);
    expect((r.error as Error).message).toBe("webgpu: cannot read a tensor: the GPU device was lost (unknown: GPU reset); start the backend again with setBackend('webgpu') or use another backend");
    expect(await loss.promise).toBe('unknown: GPU reset');
    expect(heard.map((e) => e.reason)).toEqual(['unknown: GPU reset']);
    expect(() => loss.check('run matmul')).toThrow(DeviceLostError);
    // once lost, a new wait fails at once, and its work's own rejection is not left unhandled
    await expect(loss.race(Promise.reject(new Error('aborted')), 'flush')).rejects.toThrow(/^webgpu: cannot flush: /);
  });

  it('a wait that settles first keeps its value or error, and the loss is recorded once', async () => {
    const { device } = fakeDevice();
    const loss = new DeviceLoss('gpu2', device, () => {});
    expect(await loss.race(Promise.resolve(7), 'read a tensor')).toBe(7);
    await expect(loss.race(Promise.reject(new Error('validation')), 'read a tensor')).rejects.toThrow('validation');
    loss.mark('destroyed: first');
    loss.mark('destroyed: second');
    expect(await loss.promise).toBe('destroyed: first');
    expect(loss.error('write a tensor').message).toMatch(/^gpu2: cannot write a tensor: the GPU device was lost \(destroyed: first\); start the backend again with setBackend\('gpu2'\)/);
  });
});

describe.runIf(!reason)('device loss on a device', () => {
  const offs: (() => void)[] = [];
  afterEach(() => offs.splice(0).forEach((off) => off()));

  it('after device.destroy() an op, a write and a read fail with DeviceLostError; backend() still answers', async () => {
    const dead = await webgpu();
    const x = fromValues([1, 2], [2], 'float32', dead);
    const t0 = performance.now();
    dead.device.destroy();
    const lost = await within(dead.lost, 1000);
    expect(lost.settled).toBe(true);
    expect(lost.value).toMatch(/^destroyed/);
    expect(lost.ms).toBeLessThan(1000);
    expect(dead.available).toBe(false);
    let error: unknown;
    try {
      x.add(x);
    } catch (e) {
      error = e;
    }
    expectLost(error, 'allocate a float32 tensor of 2 elements');
    expect(() => tensor([1, 2, 3])).toThrow(DeviceLostError); // the write of a new tensor, on the current (dead) backend
    try {
      tensor([1, 2, 3]);
    } catch (e) {
      expectLost(e, 'write a float32 tensor of 3 elements');
    }
    const read = await within(x.data(), 1000);
    expectLost(read.error, 'read a tensor');
    await dead.flush().then(() => expect.fail('flush resolved on a lost device'), (e: unknown) => expectLost(e, 'flush'));
    expect(performance.now() - t0).toBeLessThan(1000);
    // Until something switches, the dead instance stays current: its name answers.
    expect(getBackend()).toBe('webgpu');
    expect(backend()).toBe(dead);
    x.dispose(); // freeing on a dead device is silent
  });

  it.each([
    ['queued in this task (before the submit)', 0],
    ['mapping (after the submit)', 5],
  ])('a read that is %s when the device goes rejects with DeviceLostError within a second', async (_, delayMs) => {
    const dead = await webgpu();
    const n = 128;
    const a = fromValues(Array.from({ length: n * n }, (_, i) => (i % 7) - 3), [n, n], 'float32', dead);
    const pending = a.matmul(a).relu().sum().data();
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const t0 = performance.now();
    dead.device.destroy();
    const r = await within(pending, 1000);
    expect(r.settled, 'the read still hangs a second after the loss').toBe(true);
    expect(r.value, 'the read resolved with values from a lost device').toBeUndefined();
    expectLost(r.error, 'read a tensor');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("onBackendLost hears 'webgpu' with the reason; setBackend('webgpu') then starts a new device that works", async () => {
    const dead = await webgpu();
    const heard: [string, string, number][] = [];
    const t0 = performance.now();
    const told = new Promise<void>((resolve) => offs.push(onBackendLost((name, why) => {
      heard.push([name, why, performance.now() - t0]);
      resolve();
    })));
    dead.device.destroy();
    expect((await within(told, 1000)).settled).toBe(true);
    expect(heard.length).toBe(1);
    expect(heard[0]![0]).toBe('webgpu');
    expect(heard[0]![1]).toMatch(/^destroyed/);
    expect(heard[0]![2]).toBeLessThan(1000);
    const fresh = await webgpu();
    expect(fresh).not.toBe(dead);
    expect(fresh.available).toBe(true);
    expect(fresh.device).not.toBe(dead.device);
    await works(fresh);
    // A tensor made before the loss stays dead; the new device does not bring it back.
    expect(() => fromValues([1], [1], 'float32', dead)).toThrow(DeviceLostError);
  });

  it("the backend's own destroy() counts as a loss at once, and the registry hears it", async () => {
    const dead = await webgpu();
    const heard = new Promise<string>((resolve) => offs.push(onBackendLost((name) => resolve(name))));
    dead.destroy();
    expect(() => dead.alloc('float32', 1)).toThrow(DeviceLostError); // before GPUDevice.lost settles
    expect(await heard).toBe('webgpu');
  });

  it('setBestBackend() and ready() skip the dead instance and start a new one', async () => {
    const dead = await webgpu();
    const gone = new Promise<void>((resolve) => offs.push(onBackendLost(() => resolve())));
    dead.device.destroy();
    await gone;
    expect(await ready()).not.toBe(dead);
    const readied = backend();
    expect(readied.name).toBe('webgpu');
    await works(readied);
    (readied as WebGPUBackend).device.destroy();
    await (readied as WebGPUBackend).lost;
    expect(await setBestBackend()).toBe('webgpu');
    const best = backend();
    expect(best).not.toBe(readied);
    expect(best).not.toBe(dead);
    await works(best);
  });
});

if (reason) {
  describe('device loss on a device', () => it.skip(`not run: ${reason}`, () => {}));
}
