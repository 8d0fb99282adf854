// Device loss: a lost GPUDevice does not throw, it silently ignores commands, and a read of it
// may reject with a bare DOMException or never settle. This watches GPUDevice.lost and turns
// every later call, and every wait already under way, into a DeviceLostError that says what to do.
/// <reference types="@webgpu/types" preserve="true" />
import { DeviceLostError } from '@webgrad/tensor';

/**
 * How long a read whose mapAsync was aborted waits for GPUDevice.lost to settle before it
 * reports the abort as it came (an aborted map with a live device is not a loss). Dawn settles
 * `lost` first; the spec does not order the two.
 */
export const LOST_GRACE_MS = 200;

/** The loss of one device: whether it happened, why, and waits that end when it does. */
export class DeviceLoss {
  /** Resolves with the reason once the device is gone for good. */
  readonly promise: Promise<string>;
  private resolve!: (reason: string) => void;
  private why: string | undefined;
  /** Rejecters of the waits in progress (one entry per pending wait, dropped as each settles). */
  private readonly waiting = new Set<() => void>();

  /**
   * @param backend the backend's name, named in errors
   * @param onLost called once, with the error every later call throws (no action named)
   */
  constructor(
    readonly backend: string,
    device: GPUDevice,
    private readonly onLost: (error: DeviceLostError) => void,
  ) {
    this.promise = new Promise((resolve) => (this.resolve = resolve));
    void device.lost.then((info) => this.mark(`${info.reason || 'unknown'}${info.message ? `: ${info.message}` : ''}`));
  }

  /** Whether the device is gone. */
  get lost(): boolean {
    return this.why !== undefined;
  }

  /** Records the loss (the first call wins), fails every wait in progress and tells `onLost`. */
  mark(reason: string): void {
    if (this.why !== undefined) return;
    this.why = reason;
    this.resolve(reason);
    for (const reject of [...this.waiting]) reject();
    this.waiting.clear();
    this.onLost(new DeviceLostError(this.backend, reason));
  }

  /** The error for `action` on the lost device. */
  error(action?: string): DeviceLostError {
    return new DeviceLostError(this.backend, this.why ?? 'unknown', action);
  }

  /** Throws a DeviceLostError naming `action` if the device is gone. */
  check(action: string): void {
    if (this.why !== undefined) throw this.error(action);
  }

  /** `work`, unless the device is lost first: then a DeviceLostError naming `action`. */
  race<T>(work: Promise<T>, action: string): Promise<T> {
    if (this.why !== undefined) {
      work.catch(() => {}); // settles on a dead device (or never); nobody waits for it
      return Promise.reject(this.error(action));
    }
    return new Promise<T>((resolve, reject) => {
      const onLost = (): void => reject(this.error(action));
      this.waiting.add(onLost);
      work.then(
        (value) => {
          this.waiting.delete(onLost);
          resolve(value);
        },
        (e: unknown) => {
          this.waiting.delete(onLost);
          reject(e as Error);
        },
      );
    });
  }

  /** Waits up to `ms` for the loss; rejects with a DeviceLostError naming `action` if it comes. */
  async grace(ms: number, action: string): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await this.race(new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), action);
    } finally {
      clearTimeout(timer);
    }
  }
}
