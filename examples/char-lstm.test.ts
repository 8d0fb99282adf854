// The character-level LSTM example learns: from uniform guessing (ln 26 ≈ 3.26 nats) to well
// under 1 nat per character in 60 steps.
import { describe, expect, it } from 'vitest';
import { trainCharLstm } from './char-lstm.js';

describe('character-level LSTM example', () => {
  it('drives the next-character loss below 1 nat', async () => {
    const { firstLoss, lastLoss, vocabulary } = await trainCharLstm({ steps: 60 });
    expect(vocabulary).toBe(26);
    expect(firstLoss).toBeGreaterThan(3);
    expect(lastLoss).toBeLessThan(1);
  });
});
