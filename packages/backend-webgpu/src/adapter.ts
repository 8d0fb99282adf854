// What an adapter is: its name for reports, and whether it is a software (CPU) implementation
// that the automatic backend choice passes over. Small on purpose: the lazy registration uses
// it before the backend's own module is loaded.
/// <reference types="@webgpu/types" />

/** Software rasterisers as they name themselves in GPUAdapterInfo (vendor, architecture, description). */
const SOFTWARE = [
  [/swiftshader/i, 'SwiftShader'],
  [/llvmpipe/i, 'llvmpipe'],
  [/lavapipe/i, 'lavapipe'],
  [/\bwarp\b|basic render driver/i, 'WARP'],
] as const;

/** An adapter's name and, for a software one, why it counts as software. */
export interface AdapterDescription {
  /** Vendor, architecture and description, e.g. 'google swiftshader Vulkan …'; 'unknown adapter' when empty. */
  name: string;
  /** Why it is a software adapter, e.g. 'software adapter (SwiftShader)'; undefined for hardware. */
  software?: string;
}

/** Names `adapter` from `adapter.info` (or `requestAdapterInfo()` on older browsers) and says whether it is software. */
export async function describeAdapter(adapter: GPUAdapter): Promise<AdapterDescription> {
  const legacy = adapter as GPUAdapter & { requestAdapterInfo?: () => Promise<GPUAdapterInfo>; isFallbackAdapter?: boolean };
  const info = (legacy.info as GPUAdapterInfo | undefined) ?? (await legacy.requestAdapterInfo?.().catch(() => undefined));
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'unknown adapter';
  const known = SOFTWARE.find(([pattern]) => pattern.test(name));
  if (known) return { name, software: `software adapter (${known[1]})` };
  const fallback = (info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter === true || legacy.isFallbackAdapter === true;
  return fallback ? { name, software: `software adapter (isFallbackAdapter: ${name})` } : { name };
}
