// The pool allocator on its own: size classes, reuse from the cache, the arena's first fit and
// merging, and the out-of-memory error and recovery.
import { describe, expect, it } from 'vitest';
import { Pool, sizeClass } from './pool.js';

function pool(limit: number): Pool {
  let end = 1024;
  return new Pool(100, end, (want) => (want > limit ? -1 : (end = Math.max(want, end))), () => `can grow to at most ${limit} bytes`);
}

describe('sizeClass', () => {
  it('rounds to 64-byte multiples, at most a quarter of slack', () => {
    expect([1, 64, 65, 128, 129, 200, 257, 1000, 1025, 5000].map(sizeClass)).toEqual([64, 64, 128, 128, 192, 256, 320, 1024, 1280, 5120]);
    for (let bytes = 1; bytes < 1e6; bytes = Math.ceil(bytes * 1.37)) {
      const cls = sizeClass(bytes);
      expect(cls).toBeGreaterThanOrEqual(bytes);
      expect(cls % 64).toBe(0);
      if (bytes > 64) expect(cls).toBeLessThanOrEqual(bytes * 1.25 + 64);
    }
  });
});

describe('Pool', () => {
  it('aligns blocks, reuses freed ones of the same class and counts hits and misses', () => {
    const p = pool(1 << 20);
    const a = p.alloc(100);
    expect(a % 64).toBe(0);
    expect(a).toBeGreaterThanOrEqual(100);
    p.free(a, 100);
    expect(p.alloc(120)).toBe(a);
    expect(p.stats()).toMatchObject({ poolHits: 1, poolMisses: 1, reservedBytes: 128, usedBytes: 128 });
    expect(p.alloc(0)).toBe(0);
  });

  it('throws naming the bytes requested and live, then works again once blocks are freed', () => {
    const p = pool(4096);
    const blocks = [p.alloc(1000), p.alloc(1000), p.alloc(1000)];
    expect(() => p.alloc(2000)).toThrow(/cannot allocate 2000 bytes \(size class 2048\); 3072 bytes are live.*can grow to at most 4096 bytes/);
    blocks.forEach((b) => p.free(b, 1000));
    // Cached 1024-byte blocks are flushed back to the arena and merged to fit 2048 bytes.
    const big = p.alloc(2000);
    expect(big).toBeGreaterThan(0);
    expect(p.stats().usedBytes).toBe(2048);
  });

  it('fills holes first-fit and merges neighbours when flushed', () => {
    const p = pool(1 << 20);
    const [a, b, c] = [p.alloc(64), p.alloc(64), p.alloc(64)];
    p.free(a, 64);
    p.free(b, 64);
    p.flush();
    expect(p.alloc(128)).toBe(a);
    p.free(c, 64);
    p.flush();
    expect(p.alloc(64)).toBe(c);
  });
});
