// The inputs every framework gets, identical to the bit: seeded random matrices and weights,
// and a batch of images (Fashion-MNIST, read by fashion.ts in Node, or synthetic).
/** Uniform numbers in [0, 1) from a seed (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` values uniform in [-scale, scale). */
export function uniform(size: number, scale: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: size }, () => (r() * 2 - 1) * scale);
}

/** A dense layer's weights [inputs, outputs] (Glorot-uniform) and zero bias. */
export interface Layer {
  w: Float32Array;
  b: Float32Array;
  inputs: number;
  outputs: number;
}

/** Glorot-uniform layers for widths like [784, 128, 64, 10]. */
export function mlpLayers(widths: readonly number[], seed: number): Layer[] {
  return widths.slice(1).map((outputs, i) => {
    const inputs = widths[i]!;
    return { w: uniform(inputs * outputs, Math.sqrt(6 / (inputs + outputs)), seed + i), b: new Float32Array(outputs), inputs, outputs };
  });
}

/** A batch of images scaled to [0, 1] and one-hot labels. */
export interface Batch {
  x: Float32Array;
  onehot: Float32Array;
  size: number;
  source: string;
}

/** A seeded batch of uniform "images" with random labels, for runs without the data set. */
export function syntheticBatch(size: number): Batch {
  const r = rng(7);
  const onehot = new Float32Array(size * 10);
  for (let i = 0; i < size; i++) onehot[i * 10 + Math.floor(r() * 10)] = 1;
  return { x: Float32Array.from({ length: size * 784 }, r), onehot, size, source: 'synthetic' };
}
