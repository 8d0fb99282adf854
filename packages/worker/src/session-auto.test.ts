// The playground's 'auto' backend follows ready()'s rule: on a software WebGPU adapter
// (SwiftShader, as headless Chromium has) it trains on wasm.
import { describe, expect, it, vi } from 'vitest';
import '@webgrad/autograd';
import '@webgrad/backend-wasm';
import { registerWebGPU } from '@webgrad/backend-webgpu';
import * as wg from '@webgrad/tensor';
import { DEFAULT_CONFIG, type PlaygroundConfig, type WorkerEvent } from './protocol.js';
import { Session } from './session.js';

const swiftShader = { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' };
const requestDevice = vi.fn(() => Promise.reject(new Error('this fake adapter gives no device')));
const gpu = { requestAdapter: vi.fn(async () => ({ info: swiftShader, limits: {}, features: new Set(), requestDevice })) } as unknown as NonNullable<Parameters<typeof registerWebGPU>[0]>['gpu'];
registerWebGPU({ gpu });

const config: PlaygroundConfig = { ...DEFAULT_CONFIG, backend: 'auto', dataset: { kind: 'circle', samples: 60, noise: 0.05 }, hidden: [4], batchSize: 16 };

describe("the session's auto backend", () => {
  it('trains on wasm when the only WebGPU adapter is software, without asking it for a device', async () => {
    const events: WorkerEvent[] = [];
    const session = new Session((e) => events.push(e));
    await session.handle({ type: 'load', config });
    await session.handle({ type: 'step', count: 2 });
    const state = events.filter((e): e is Extract<WorkerEvent, { type: 'state' }> => e.type === 'state').at(-1)!;
    expect(state.backend).toBe('wasm');
    expect(state.step).toBe(2);
    expect(state.backendReason).toBe('webgpu skipped: software adapter (SwiftShader); wasm started');
    expect(wg.backendInfo()?.chosenBy).toBe('auto');
    expect(requestDevice).not.toHaveBeenCalled();
  });
});
