// The FinalizationRegistry safety net: a tensor dropped without dispose() is counted as leaked
// once the garbage collector finds it, and its memory goes back (live bytes fall). The collector
// is reached through V8's --expose-gc flag, set at run time for this file.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { memory, zeros } from './index.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Makes a tensor and drops it, in a function of its own so that no reference survives. */
function leakOne(size: number): void {
  zeros([size]);
}

describe('the leak safety net', () => {
  it('counts a dropped tensor as leaked and returns its bytes', async () => {
    const before = memory();
    leakOne(1 << 16);
    expect(memory().liveBytes).toBe(before.liveBytes + 4 * (1 << 16));
    // Finalizers run in a later task after a collection: collect and yield until they have.
    for (let i = 0; i < 50 && memory().leakedTensors === before.leakedTensors; i++) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const after = memory();
    expect(after.leakedTensors).toBe(before.leakedTensors + 1);
    expect(after.liveBytes).toBe(before.liveBytes);
  });
});
