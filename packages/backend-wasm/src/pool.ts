// The allocator behind every tensor in linear memory: blocks are rounded up to size classes and
// cached per class when freed, so a training loop that repeats its shapes stops asking for new
// memory after its first steps. Under the cache sits a first-fit arena that grows the memory.

/** Pool counters (the Backend interface's three plus what the arena holds). */
export interface PoolStats {
  /** Allocations served from a cached block. */
  poolHits: number;
  /** Allocations that took fresh space from the arena. */
  poolMisses: number;
  /** Bytes in blocks that are live or cached (what the pool holds). */
  reservedBytes: number;
  /** Bytes in blocks in use (tensors, scratch and gemm packing buffers); not named liveBytes, which memory() uses for tensors. */
  usedBytes: number;
  /** Bytes of the linear memory, including the module's static data. */
  memoryBytes: number;
}

/** How the pool asks for more memory: grow to at least `end` bytes; the new size, or -1 when it cannot. */
export type Grow = (end: number) => number;

const ALIGN = 64;

/**
 * The size class of a request: multiples of 64 bytes, then four classes per power of two, so
 * at most a quarter of a block is slack.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= ALIGN) return ALIGN;
  const below = 2 ** Math.floor(Math.log2(bytes - 1));
  const step = Math.max(ALIGN, below / 4);
  return Math.ceil(bytes / step) * step;
}

interface Range {
  start: number;
  size: number;
}

/** A size-class pool over [base, end) of a growable memory. Offset 0 stands for empty storage. */
export class Pool {
  private readonly cached = new Map<number, number[]>();
  private readonly holes: Range[] = [];
  private top: number;
  private hits = 0;
  private misses = 0;
  private live = 0;
  private pooled = 0;

  /**
   * @param base first usable byte (rounded up to 64)
   * @param end current size of the memory in bytes
   * @param grow enlarges the memory; returns -1 past its maximum
   * @param describeLimit words for the error message, e.g. "can grow to 4294967296 bytes"
   */
  constructor(base: number, private end: number, private readonly grow: Grow, private readonly describeLimit: () => string) {
    this.top = Math.ceil(base / ALIGN) * ALIGN;
  }

  /** An offset of a block of at least `bytes` bytes (0 for 0 bytes). Throws when memory is exhausted. */
  alloc(bytes: number): number {
    if (bytes === 0) return 0;
    const cls = sizeClass(bytes);
    const list = this.cached.get(cls);
    if (list?.length) {
      this.hits++;
      this.pooled -= cls;
      this.live += cls;
      return list.pop()!;
    }
    let offset = this.carve(cls);
    if (offset < 0) {
      // Give every cached block back to the arena, where neighbours merge, and try again.
      this.flush();
      offset = this.carve(cls);
    }
    if (offset < 0) {
      throw new Error(`wasm: out of memory: cannot allocate ${bytes} bytes (size class ${cls}); ` +
        `${this.live} bytes are live, the memory is ${this.end} bytes and ${this.describeLimit()}; dispose tensors and retry`);
    }
    this.misses++;
    this.live += cls;
    return offset;
  }

  /** Returns a block from {@link alloc} to its size class's cache. */
  free(offset: number, bytes: number): void {
    if (bytes === 0) return;
    const cls = sizeClass(bytes);
    let list = this.cached.get(cls);
    if (!list) this.cached.set(cls, (list = []));
    list.push(offset);
    this.live -= cls;
    this.pooled += cls;
  }

  /** Gives every cached block back to the arena. */
  flush(): void {
    for (const [cls, list] of this.cached) {
      for (const offset of list) this.release(offset, cls);
      list.length = 0;
    }
    this.pooled = 0;
  }

  /** The counters. */
  stats(): PoolStats {
    return { poolHits: this.hits, poolMisses: this.misses, reservedBytes: this.live + this.pooled, usedBytes: this.live, memoryBytes: this.end };
  }

  /** Takes `size` bytes from the first hole that fits, else from the top, growing the memory. */
  private carve(size: number): number {
    const i = this.holes.findIndex((h) => h.size >= size);
    if (i >= 0) {
      const hole = this.holes[i]!;
      const start = hole.start;
      hole.start += size;
      hole.size -= size;
      if (hole.size === 0) this.holes.splice(i, 1);
      return start;
    }
    if (this.top + size > this.end) {
      const end = this.grow(this.top + size);
      if (end < 0) return -1;
      this.end = end;
    }
    const start = this.top;
    this.top += size;
    return start;
  }

  /** Puts a range back in the arena, merging it with its neighbours and with the top. */
  private release(start: number, size: number): void {
    let i = 0;
    while (i < this.holes.length && this.holes[i]!.start < start) i++;
    this.holes.splice(i, 0, { start, size });
    const next = this.holes[i + 1];
    if (next && start + size === next.start) {
      this.holes[i]!.size += next.size;
      this.holes.splice(i + 1, 1);
    }
    const prev = this.holes[i - 1];
    if (prev && prev.start + prev.size === start) {
      prev.size += this.holes[i]!.size;
      this.holes.splice(i, 1);
    }
    const last = this.holes[this.holes.length - 1];
    if (last && last.start + last.size === this.top) {
      this.top = last.start;
      this.holes.pop();
    }
  }
}
