// Runs an async job (the views' requests to the worker) as often as asked but never piled up:
// one run in flight and at most one more queued for whatever changed while it ran.

/**
 * Coalesces requests for an async job. `request()` starts a run, or, while one is in flight,
 * marks one more to start when it ends; however many requests come meanwhile, that is one run.
 * While held (a new run is being loaded), requests only queue.
 *
 * @example
 * const views = new RefreshQueue(() => fetchViews());
 * worker.on('state', () => views.request());
 */
export class RefreshQueue {
  private running: Promise<void> | undefined;
  private queued = false;
  private holds = 0;

  /** `job` reports its own errors; one that throws does not stop later runs. */
  constructor(private readonly job: () => Promise<void>) {}

  /** Asks for a run: now if none is in flight, else once after the one in flight. */
  request(): void {
    this.queued = true;
    if (!this.running && this.holds === 0) this.running = this.drain();
  }

  /** Holds runs back until the returned function is called; a request meanwhile runs then. */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && this.queued) this.request();
    };
  }

  /** Resolves once nothing is in flight (a queued run included). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Starts a microtask later, so that `running` is set before the loop can end, and requests
    // from the same task are already in.
    await undefined;
    try {
      while (this.queued && this.holds === 0) {
        this.queued = false;
        try {
          await this.job();
        } catch {
          // The job shows its own errors; the next change gets a fresh run.
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
