// Metrics computed from predictions and targets on the host: accuracy, top-k accuracy, a
// confusion matrix, and running means for streaming them.

/** Predictions as [batch, classes] scores (or [batch, 1] / [batch] binary logits) and targets. */
export interface Scored {
  readonly scores: Float32Array | Float64Array;
  readonly classes: number;
  /** Class indices, one per sample. */
  readonly labels: ArrayLike<number>;
}

/** The class with the highest score for each sample (binary: logit > 0). */
export function predictedClasses({ scores, classes, labels }: Scored): Int32Array {
  const n = labels.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (classes === 1) {
      out[i] = scores[i]! > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[i * classes + c]! > scores[i * classes + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Fraction of samples whose predicted class is the label. */
export function accuracy(s: Scored): number {
  const predicted = predictedClasses(s);
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === s.labels[i]) hits++;
  return predicted.length ? hits / predicted.length : NaN;
}

/** Fraction of samples whose label is among the k highest scores. */
export function topKAccuracy(s: Scored, k: number): number {
  const n = s.labels.length;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const own = s.scores[i * s.classes + s.labels[i]!]!;
    let higher = 0;
    for (let c = 0; c < s.classes; c++) if (s.scores[i * s.classes + c]! > own) higher++;
    if (higher < k) hits++;
  }
  return n ? hits / n : NaN;
}

/** counts[label][predicted], a classes × classes matrix. */
export function confusionMatrix(s: Scored): number[][] {
  const size = Math.max(s.classes, 2);
  const m = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  predictedClasses(s).forEach((p, i) => {
    const label = s.labels[i]!;
    if (!m[label]) throw new Error(`confusionMatrix: label ${label} at sample ${i} is outside 0..${size - 1}`);
    m[label]![p]!++;
  });
  return m;
}

/** A mean over a stream of values, weighted by sample counts. */
export class RunningMean {
  private total = 0;
  private count = 0;

  /** Adds a value that stands for `weight` samples. */
  add(value: number, weight = 1): void {
    this.total += value * weight;
    this.count += weight;
  }

  /** The mean so far (NaN before any value). */
  get value(): number {
    return this.count ? this.total / this.count : NaN;
  }

  /** Starts over. */
  reset(): void {
    this.total = 0;
    this.count = 0;
  }
}
