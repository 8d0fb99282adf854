// Node only: the first images of Fashion-MNIST's training set from ../shared/data (outside the
// repository, present on development machines), or a synthetic batch where it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { syntheticBatch, type Batch } from './data.js';

const shared = fileURLToPath(new URL('../../../../shared/data/fashion-mnist/', import.meta.url));

/** The first `size` Fashion-MNIST training images scaled to [0, 1] with one-hot labels. */
export function fashionBatch(size: number): Batch {
  const images = `${shared}train-images-idx3-ubyte.gz`;
  const labels = `${shared}train-labels-idx1-ubyte.gz`;
  if (!existsSync(images) || !existsSync(labels)) return { ...syntheticBatch(size), source: 'synthetic (../shared/data not found)' };
  const px = gunzipSync(readFileSync(images)).subarray(16, 16 + size * 784);
  const y = gunzipSync(readFileSync(labels)).subarray(8, 8 + size);
  const onehot = new Float32Array(size * 10);
  y.forEach((label, i) => (onehot[i * 10 + label] = 1));
  return { x: Float32Array.from(px, (v) => v / 255), onehot, size, source: `Fashion-MNIST train[0:${size}]` };
}
