// Images to a Dataset: RGBA pixels become [C, H, W] float features in [0, 1] (pure, runs in
// Node), and a thin, guarded browser part decodes ImageData, ImageBitmap, <img>, canvases and
// Blobs into pixels through an OffscreenCanvas (or a DOM canvas), resizing on the way.
import { Dataset } from './dataset.js';

/** RGBA pixels, row-major, 4 bytes a pixel: what ImageData holds. */
export interface Pixels {
  readonly data: Uint8ClampedArray | Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** How pixels become features. */
export interface ImageFeatureOptions {
  /** 1: greyscale (ITU-R BT.601 luma), 3: RGB (default), 4: RGBA. */
  channels?: 1 | 3 | 4;
}

/** Decoding options: the size every image is drawn at (default: its own size). */
export interface DecodeOptions {
  width?: number;
  height?: number;
}

/**
 * The instance type of the global class `K` where the program's lib declares it (the DOM), else
 * never: a Node-only consumer's {@link ImageSource} is then `Pixels | Blob`, with no DOM lib needed.
 */
type Global<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;

/** What {@link decodeImage} accepts: pixels, a Blob, and in browsers ImageData, ImageBitmap, `<img>` and canvases. */
export type ImageSource = Pixels | Global<'ImageData'> | Global<'ImageBitmap'> | Global<'HTMLImageElement'> | Global<'HTMLCanvasElement'> | Global<'OffscreenCanvas'> | Blob;

// ITU-R BT.601 luma weights, as most greyscale conversions (and PIL's 'L' mode) use.
const LUMA = [0.299, 0.587, 0.114] as const;

function checkPixels(p: Pixels, where: string): void {
  if (!Number.isInteger(p.width) || !Number.isInteger(p.height) || p.width <= 0 || p.height <= 0) {
    throw new Error(`images: ${where} has size ${p.width}x${p.height}, expected positive integers`);
  }
  if (p.data.length !== p.width * p.height * 4) {
    throw new Error(`images: ${where} has ${p.data.length} bytes, expected ${p.width}x${p.height}x4 = ${p.width * p.height * 4} (RGBA)`);
  }
}

/** RGBA pixels to channel-first [C, H, W] floats in [0, 1]. */
export function pixelsToFeatures(pixels: Pixels, { channels = 3 }: ImageFeatureOptions = {}): Float32Array {
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new Error(`images: channels must be 1, 3 or 4, got ${channels}`);
  checkPixels(pixels, 'the image');
  const plane = pixels.width * pixels.height;
  const out = new Float32Array(channels * plane);
  const d = pixels.data;
  for (let i = 0; i < plane; i++) {
    if (channels === 1) out[i] = (LUMA[0] * d[4 * i]! + LUMA[1] * d[4 * i + 1]! + LUMA[2] * d[4 * i + 2]!) / 255;
    else for (let c = 0; c < channels; c++) out[c * plane + i] = d[4 * i + c]! / 255;
  }
  return out;
}

/** A dataset of same-sized images (features [C, H, W] in [0, 1]) with int32 class labels. */
export function fromPixels(images: readonly Pixels[], labels: ArrayLike<number>, options: ImageFeatureOptions = {}): Dataset {
  if (images.length !== labels.length) throw new Error(`images: ${images.length} images but ${labels.length} labels`);
  if (!images.length) throw new Error('images: no images given');
  const { width, height } = images[0]!;
  const channels = options.channels ?? 3;
  const features = new Float32Array(images.length * channels * width * height);
  images.forEach((image, i) => {
    checkPixels(image, `image ${i}`);
    if (image.width !== width || image.height !== height) {
      throw new Error(`images: image ${i} is ${image.width}x${image.height}, image 0 is ${width}x${height}; give decode options { width, height } to resize`);
    }
    features.set(pixelsToFeatures(image, options), i * channels * width * height);
  });
  const ints = Int32Array.from(labels);
  const bad = ints.findIndex((v, i) => v !== labels[i]);
  if (bad >= 0) throw new Error(`images: label ${bad} is ${labels[bad]}, expected an integer class index`);
  return new Dataset({ values: features, sampleShape: [channels, height, width] }, { values: ints, sampleShape: [] });
}

// ---- browser decoding ---------------------------------------------------------------------

interface Context2D {
  drawImage(image: CanvasImageSource, dx: number, dy: number, dw: number, dh: number): void;
  putImageData(data: ImageData, dx: number, dy: number): void;
  getImageData(sx: number, sy: number, sw: number, sh: number): ImageData;
}

/** A 2-D canvas of the given size: OffscreenCanvas where there is one (workers too), else a DOM canvas. */
function makeCanvas(width: number, height: number): { canvas: CanvasImageSource; context: Context2D } {
  let canvas: OffscreenCanvas | HTMLCanvasElement;
  if (typeof OffscreenCanvas === 'function') canvas = new OffscreenCanvas(width, height);
  else if (typeof document !== 'undefined') canvas = Object.assign(document.createElement('canvas'), { width, height });
  else throw new Error('images: decoding needs OffscreenCanvas or a DOM document (a browser or a worker); in Node, pass RGBA pixels to fromPixels');
  const context = (canvas.getContext as (id: '2d', options: object) => Context2D | null)('2d', { willReadFrequently: true });
  if (!context) throw new Error('images: the canvas gave no 2d context');
  return { canvas, context };
}

const isPixels = (s: ImageSource): s is Pixels => 'data' in s && 'width' in s && 'height' in s;

/** A drawable for any source, with its natural size. */
async function drawable(source: Exclude<ImageSource, Pixels>): Promise<{ image: CanvasImageSource; width: number; height: number }> {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    if (typeof createImageBitmap !== 'function') throw new Error('images: decoding a Blob needs createImageBitmap (a browser or a worker)');
    const bitmap = await createImageBitmap(source);
    return { image: bitmap, width: bitmap.width, height: bitmap.height };
  }
  if ('naturalWidth' in source) {
    await source.decode?.();
    if (!source.naturalWidth) throw new Error(`images: the <img> (${source.src}) has no pixels yet; wait for it to load`);
    return { image: source, width: source.naturalWidth, height: source.naturalHeight };
  }
  const s = source as ImageBitmap | HTMLCanvasElement | OffscreenCanvas;
  return { image: s, width: s.width, height: s.height };
}

/**
 * RGBA pixels of an image, drawn at `width` x `height` if given. Pixels (ImageData) at their own
 * size come back as they are, in any runtime; everything else needs a browser or a worker.
 */
export async function decodeImage(source: ImageSource, { width, height }: DecodeOptions = {}): Promise<Pixels> {
  if (isPixels(source)) {
    checkPixels(source, 'the image');
    if ((width ?? source.width) === source.width && (height ?? source.height) === source.height) return source;
    const { canvas, context } = makeCanvas(source.width, source.height);
    if (typeof ImageData !== 'function') throw new Error('images: resizing pixels needs ImageData (a browser or a worker)');
    context.putImageData(source instanceof ImageData ? source : new ImageData(new Uint8ClampedArray(source.data), source.width, source.height), 0, 0);
    return decodeImage(canvas as HTMLCanvasElement | OffscreenCanvas, { width, height });
  }
  const image = await drawable(source);
  const [w, h] = [width ?? image.width, height ?? image.height];
  const { context } = makeCanvas(w, h);
  context.drawImage(image.image, 0, 0, w, h);
  try {
    return context.getImageData(0, 0, w, h);
  } catch (e) {
    // A cross-origin image without CORS taints the canvas; the browser's SecurityError says little.
    throw new Error(`images: cannot read the pixels back (${(e as Error).message}); a cross-origin image needs CORS headers and img.crossOrigin = 'anonymous'`);
  }
}

/**
 * A dataset from images and class labels, decoded (and resized to `width` x `height`) in the
 * browser: features [C, H, W] in [0, 1], labels int32.
 */
export async function fromImages(sources: readonly ImageSource[], labels: ArrayLike<number>, options: DecodeOptions & ImageFeatureOptions = {}): Promise<Dataset> {
  const pixels: Pixels[] = [];
  for (const source of sources) pixels.push(await decodeImage(source, options));
  return fromPixels(pixels, labels, options);
}
