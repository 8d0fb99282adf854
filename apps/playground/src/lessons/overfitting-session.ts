// The overfitting lesson's training: the three runs (no cure, L2, dropout) stepped together,
// measured every MEASURE_EVERY steps (training and validation loss, the fitted curve), with the
// measurements queued for the page. It runs in the lesson's worker, and in Node for tests.
import { grid, noisyCurve, OVERFIT_DATA } from './curve-data.js';
import { CurveFit, type Cure } from './curve-fit.js';

/** Steps in a full run of the lesson. */
export const MAX_STEPS = 2000;
/** Losses and curves are measured every this many steps (and after the first). */
export const MEASURE_EVERY = 20;
/** Where the fitted curves are drawn. */
export const CURVE_X = grid(-1, 1, 81);
/** The three runs, in order. */
export const CURES: readonly Cure[] = ['none', 'l2', 'dropout'];

/** One measurement of every run at one step. */
export interface Measurement {
  step: number;
  runs: { train: number; validation: number; curve: number[] }[];
}

/** The three runs on the lesson's data, from the same seeded starting weights. */
export class OverfittingSession {
  private readonly fits: CurveFit[];
  private pending: Measurement[] = [];

  constructor(train = noisyCurve(OVERFIT_DATA.train), validation = noisyCurve(OVERFIT_DATA.validation)) {
    this.fits = CURES.map((cure) => new CurveFit(cure, train, validation));
  }

  /** Steps every run has taken. */
  get step(): number {
    return this.fits[0]!.step;
  }

  /** One step of each run, measured when due; false once MAX_STEPS are done. */
  async advance(): Promise<boolean> {
    if (this.step >= MAX_STEPS) return false;
    for (const fit of this.fits) await fit.advance();
    if (this.step === 1 || this.step % MEASURE_EVERY === 0) await this.measure();
    return this.step < MAX_STEPS;
  }

  private async measure(): Promise<void> {
    const runs: Measurement['runs'] = [];
    for (const fit of this.fits) runs.push({ ...(await fit.losses()), curve: await fit.predict(CURVE_X) });
    this.pending.push({ step: this.step, runs });
  }

  /** The measurements since the last drain, oldest first. */
  drain(): Measurement[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Frees every run's model. */
  dispose(): void {
    for (const f of this.fits) f.dispose();
  }
}
