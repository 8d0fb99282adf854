// The 8x8 handwritten digits shipped in this package (assets/digits.csv.gz, UCI optical digits,
// CC BY 4.0): read with fs + zlib in Node and fetch + DecompressionStream in browsers, features
// scaled to [0, 1], and a deterministic train/test split.
import { fromCsv } from './csv.js';
import { Dataset } from './dataset.js';

/** Options of {@link loadDigits}. */
export interface DigitsLoadOptions {
  /** Where the gzipped CSV is (default: the copy in this package's assets/). */
  url?: string | URL;
}

/** Options of {@link digits}. */
export interface DigitsOptions extends DigitsLoadOptions {
  /** Which part: 'train' (default), 'test', or 'all' 1,797 samples. */
  split?: 'train' | 'test' | 'all';
  /** Fraction held out as the test part (default 0.2: 1,438 train, 359 test). */
  testFraction?: number;
  /** Seed of the split's shuffle (default 0); the same seed always gives the same parts. */
  seed?: number;
}

/** Number of samples in the shipped file. */
export const DIGITS_SAMPLES = 1797;

/**
 * The URL of the shipped file. The path is relative to this module, which sits two levels
 * below the package root both in src/data and in dist/data; bundlers see the literal and copy it.
 */
export function digitsUrl(): URL {
  return new URL('../../assets/digits.csv.gz', import.meta.url);
}

const hasGzipMagic = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Gunzips bytes with the web's DecompressionStream (browsers, workers, Node 18+). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream !== 'function') throw new Error('digits: this runtime has no DecompressionStream to gunzip with');
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function readNodeFile(url: URL): Promise<string> {
  // Variable specifiers keep browser bundlers from pulling Node modules in.
  const [fsName, zlibName] = ['node:fs/promises', 'node:zlib'];
  const fs = (await import(/* @vite-ignore */ fsName)) as { readFile(path: URL): Promise<Uint8Array> };
  const zlib = (await import(/* @vite-ignore */ zlibName)) as { gunzipSync(bytes: Uint8Array): Uint8Array };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(url);
  } catch (e) {
    throw new Error(`digits: cannot read ${url.pathname}: ${(e as Error).message}`);
  }
  return new TextDecoder().decode(hasGzipMagic(bytes) ? zlib.gunzipSync(bytes) : bytes);
}

async function fetchText(url: URL): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`digits: fetching ${url.href} failed: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A server that sends the file with Content-Encoding: gzip has had fetch gunzip it already.
  return new TextDecoder().decode(hasGzipMagic(bytes) ? await gunzip(bytes) : bytes);
}

/** The digits CSV text (64 pixel values 0..16, then the label) as a dataset: features [64] in [0, 1], labels int32 0..9. */
export function parseDigits(text: string): Dataset {
  const raw = fromCsv(text, { header: false, label: -1, labelType: 'int' });
  if (raw.features.sampleShape[0] !== 64) throw new Error(`digits: expected 65 columns (64 pixels and a label), got ${raw.features.sampleShape[0]! + 1}`);
  const labels = raw.labels.values;
  const bad = labels.findIndex((v) => v < 0 || v > 9);
  if (bad >= 0) throw new Error(`digits: sample ${bad} has label ${labels[bad]}, expected 0..9`);
  const scaled = Float32Array.from(raw.features.values, (v) => v / 16);
  return new Dataset({ values: scaled, sampleShape: [64] }, raw.labels);
}

const cache = new Map<string, Promise<Dataset>>();

/** All 1,797 digits (read once per URL, then cached). */
export function loadDigits({ url }: DigitsLoadOptions = {}): Promise<Dataset> {
  const where = url === undefined ? digitsUrl() : new URL(url, typeof location === 'undefined' ? import.meta.url : location.href);
  let pending = cache.get(where.href);
  if (!pending) {
    pending = (where.protocol === 'file:' ? readNodeFile(where) : fetchText(where)).then(parseDigits);
    // A failed read is not cached: a later call tries again.
    pending.catch(() => cache.delete(where.href));
    cache.set(where.href, pending);
  }
  return pending;
}

/**
 * The digits, split deterministically into train and test parts:
 * `const [train, test] = await Promise.all([digits(), digits({ split: 'test' })])`.
 */
export async function digits({ split = 'train', testFraction = 0.2, seed = 0, url }: DigitsOptions = {}): Promise<Dataset> {
  if (split !== 'train' && split !== 'test' && split !== 'all') throw new Error(`digits: split must be 'train', 'test' or 'all', got ${JSON.stringify(split)}`);
  const all = await loadDigits({ url });
  if (split === 'all') return all;
  const [train, test] = all.split(testFraction, { seed });
  return split === 'train' ? train : test;
}
