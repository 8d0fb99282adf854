// Images: RGBA bytes to [C,H,W] features in [0,1] (greyscale, RGB, RGBA), datasets of images,
// and the browser decoding path driven through a stand-in OffscreenCanvas in Node.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeImage, fromImages, fromPixels, pixelsToFeatures, type Pixels } from './images.js';

/** A 2x1 image: a red pixel and a white half-transparent one. */
const tiny: Pixels = { data: Uint8ClampedArray.from([255, 0, 0, 255, 255, 255, 255, 128]), width: 2, height: 1 };

afterEach(() => vi.unstubAllGlobals());

describe('pixelsToFeatures', () => {
  it('lays RGB out channel-first in [0,1]', () => {
    expect(Array.from(pixelsToFeatures(tiny))).toEqual([1, 1, 0, 1, 0, 1]);
  });

  it('keeps alpha with 4 channels and takes BT.601 luma with 1', () => {
    expect(Array.from(pixelsToFeatures(tiny, { channels: 4 }))).toEqual([1, 1, 0, 1, 0, 1, 1, 128 / 255].map(Math.fround));
    const grey = pixelsToFeatures(tiny, { channels: 1 });
    expect(grey[0]).toBeCloseTo(0.299, 5);
    expect(grey[1]).toBeCloseTo(1, 5);
  });

  it('rejects a wrong byte count or channel count', () => {
    expect(() => pixelsToFeatures({ data: new Uint8Array(7), width: 2, height: 1 })).toThrow('images: the image has 7 bytes, expected 2x1x4 = 8 (RGBA)');
    expect(() => pixelsToFeatures(tiny, { channels: 2 as 3 })).toThrow('images: channels must be 1, 3 or 4, got 2');
  });
});

describe('fromPixels', () => {
  it('stacks same-sized images into [N,C,H,W] features with int32 labels', () => {
    const ds = fromPixels([tiny, tiny], [3, 1], { channels: 1 });
    expect(ds.features.sampleShape).toEqual([1, 1, 2]);
    expect(ds.size).toBe(2);
    expect(Array.from(ds.labels.values)).toEqual([3, 1]);
    const { x } = ds.asBatch();
    expect(x.shape).toEqual([2, 1, 1, 2]);
  });

  it('names the image whose size differs, and counts labels', () => {
    const other = { data: new Uint8Array(4), width: 1, height: 1 };
    expect(() => fromPixels([tiny, other], [0, 1])).toThrow('images: image 1 is 1x1, image 0 is 2x1');
    expect(() => fromPixels([tiny], [0, 1])).toThrow('images: 1 images but 2 labels');
    expect(() => fromPixels([tiny], [0.5])).toThrow('images: label 0 is 0.5, expected an integer class index');
  });
});

describe('decodeImage', () => {
  it('returns pixels at their own size in any runtime', async () => {
    expect(await decodeImage(tiny)).toBe(tiny);
  });

  it('says what it needs where there is no canvas (Node)', async () => {
    const bitmap = { width: 4, height: 4, close() {} } as unknown as ImageBitmap;
    await expect(decodeImage(bitmap)).rejects.toThrow('images: decoding needs OffscreenCanvas or a DOM document');
  });

  it('draws a bitmap onto an OffscreenCanvas at the requested size and reads the pixels back', async () => {
    const drawn: unknown[][] = [];
    class FakeCanvas {
      constructor(readonly width: number, readonly height: number) {}
      getContext() {
        const { width, height } = this;
        return {
          drawImage: (...args: unknown[]) => drawn.push(args),
          putImageData: () => undefined,
          getImageData: (_x: number, _y: number, w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4).fill(51), width, height }),
        };
      }
    }
    vi.stubGlobal('OffscreenCanvas', FakeCanvas);
    const bitmap = { width: 10, height: 6 } as unknown as ImageBitmap;
    const pixels = await decodeImage(bitmap, { width: 2, height: 3 });
    expect([pixels.width, pixels.height, pixels.data.length]).toEqual([2, 3, 24]);
    expect(drawn).toEqual([[bitmap, 0, 0, 2, 3]]);
    const ds = await fromImages([bitmap, bitmap], [0, 1], { width: 2, height: 3, channels: 3 });
    expect(ds.features.sampleShape).toEqual([3, 3, 2]);
    expect(ds.features.values[0]).toBeCloseTo(0.2, 6);
  });

  it('explains a tainted canvas (a cross-origin image without CORS)', async () => {
    vi.stubGlobal('OffscreenCanvas', class {
      getContext() {
        return { drawImage: () => undefined, getImageData: () => { throw new Error('The canvas has been tainted by cross-origin data.'); } };
      }
    });
    await expect(decodeImage({ width: 1, height: 1 } as unknown as ImageBitmap)).rejects.toThrow(`images: cannot read the pixels back (The canvas has been tainted by cross-origin data.); a cross-origin image needs CORS headers and img.crossOrigin = 'anonymous'`);
  });
});
