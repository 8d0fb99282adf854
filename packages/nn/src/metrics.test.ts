// Host-side metrics against counts done by hand: accuracy (multi-class and binary logits),
// top-k accuracy, the confusion matrix, and weighted running means.
import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, predictedClasses, RunningMean, topKAccuracy } from './metrics.js';

const scores = Float32Array.from([0.1, 0.9, 0, /**/ 0.8, 0.2, 0, /**/ 0.3, 0.3, 0.4, /**/ 0.5, 0.5, 0]);
const labels = [1, 1, 2, 1];

describe('metrics', () => {
  it('predictedClasses takes the highest score, the first on ties; logits > 0 for one class', () => {
    expect(Array.from(predictedClasses({ scores, classes: 3, labels }))).toEqual([1, 0, 2, 0]);
    expect(Array.from(predictedClasses({ scores: Float32Array.from([2, -1, 0, 0.5]), classes: 1, labels: [0, 0, 0, 0] }))).toEqual([1, 0, 0, 1]);
  });

  it('accuracy is the fraction of correct predictions', () => {
    expect(accuracy({ scores, classes: 3, labels })).toBe(2 / 4);
    expect(accuracy({ scores: Float32Array.from([2, -1, 0.5, -3]), classes: 1, labels: [1, 0, 0, 0] })).toBe(3 / 4);
    expect(accuracy({ scores: new Float32Array(0), classes: 3, labels: [] })).toBeNaN();
  });

  it('topKAccuracy: the label is among the k highest scores', () => {
    const s = Float32Array.from([0.1, 0.5, 0.3, 0.05, /**/ 0.4, 0.3, 0.2, 0.1, /**/ 0.1, 0.2, 0.3, 0.4]);
    const l = [2, 0, 0];
    // Ranks of the label: 2nd, 1st, 4th.
    expect(topKAccuracy({ scores: s, classes: 4, labels: l }, 1)).toBe(1 / 3);
    expect(topKAccuracy({ scores: s, classes: 4, labels: l }, 2)).toBe(2 / 3);
    expect(topKAccuracy({ scores: s, classes: 4, labels: l }, 3)).toBe(2 / 3);
    expect(topKAccuracy({ scores: s, classes: 4, labels: l }, 4)).toBe(1);
    expect(topKAccuracy({ scores: s, classes: 4, labels: l }, 1)).toBe(accuracy({ scores: s, classes: 4, labels: l }));
  });

  it('confusionMatrix counts [label][predicted]', () => {
    expect(confusionMatrix({ scores, classes: 3, labels })).toEqual([
      [0, 0, 0],
      [2, 1, 0],
      [0, 0, 1],
    ]);
    // Binary logits give a 2 x 2 matrix.
    expect(confusionMatrix({ scores: Float32Array.from([2, -1, 0.5, -3]), classes: 1, labels: [1, 0, 0, 1] })).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('confusionMatrix refuses a label outside the classes', () => {
    expect(() => confusionMatrix({ scores, classes: 3, labels: [1, 1, 3, 1] })).toThrow('confusionMatrix: label 3 at sample 2 is outside 0..2');
  });

  it('RunningMean weights each value by its sample count', () => {
    const m = new RunningMean();
    expect(m.value).toBeNaN();
    m.add(1, 2);
    m.add(4);
    expect(m.value).toBe(2);
    m.add(0.5, 6);
    expect(m.value).toBeCloseTo((2 + 4 + 3) / 9, 12);
    m.reset();
    expect(m.value).toBeNaN();
    m.add(7);
    expect(m.value).toBe(7);
  });
});
