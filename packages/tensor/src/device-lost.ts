// DeviceLostError: what every call on a backend whose device is gone for good throws (or
// rejects with), so callers can tell a lost GPU from a bug and start again elsewhere.

/**
 * A backend's device is gone (a GPU reset, a driver crash, `device.destroy()`): nothing on that
 * backend instance works again. Start the backend again (`setBackend(name)` asks for a new
 * device) or switch to another one; tensors on the dead instance are lost with it.
 *
 * @example
 * try {
 *   await loss.data();
 * } catch (e) {
 *   if (e instanceof DeviceLostError) await setBackend('wasm');
 *   else throw e;
 * }
 */
export class DeviceLostError extends Error {
  /** Always 'DeviceLostError'. */
  override readonly name = 'DeviceLostError';

  /**
   * @param backend the name of the backend whose device was lost ('webgpu')
   * @param reason why, as the device reported it ('destroyed: device was destroyed')
   * @param action what could not be done, named in the message ('read a tensor', 'run matmul')
   */
  constructor(
    readonly backend: string,
    readonly reason: string,
    action?: string,
  ) {
    super(
      `${backend}: ${action ? `cannot ${action}: ` : ''}the GPU device was lost (${reason}); ` +
        `start the backend again with setBackend('${backend}') or use another backend`,
    );
  }
}
