// A character-level LSTM learns to continue a short text: embedding → LSTM → dense over the
// vocabulary, trained with the Trainer on next-character prediction.
import * as wg from 'webgradjs';

const { nn } = wg;

/** Our own little corpus: regular enough that a small LSTM can learn it in a few hundred steps. */
export const CORPUS = [
  'the quick robot reads the map. the slow robot reads the sign. ',
  'a small model learns a small text. a large model learns a large text. ',
  'gradients flow back through time, step by step, gate by gate. ',
].join('').repeat(4);

/** Trains the model; returns the loss before and after, and a sample continuation. */
export async function trainCharLstm({ steps = 150, seq = 16, batchSize = 16, seed = 3 } = {}): Promise<{ firstLoss: number; lastLoss: number; vocabulary: number; sample: string }> {
  wg.seed(seed);
  const chars = [...new Set(CORPUS)].sort();
  const index = new Map(chars.map((c, i) => [c, i]));
  const ids = Int32Array.from(CORPUS, (c) => index.get(c)!);
  // Every window of `seq` characters is a sample; its label is the window shifted by one.
  const windows = ids.length - seq - 1;
  const x = new Int32Array(windows * seq);
  const y = new Int32Array(windows * seq);
  for (let w = 0; w < windows; w++) {
    x.set(ids.subarray(w, w + seq), w * seq);
    y.set(ids.subarray(w + 1, w + seq + 1), w * seq);
  }
  const data = new nn.Dataset({ values: x, sampleShape: [seq] }, { values: y, sampleShape: [seq] });
  const v = chars.length;
  const model = nn.graph(
    { embed: nn.embedding(v, 16), rnn: nn.lstm(16, 48), head: nn.dense(48, v) },
    ({ embed, rnn, head }, input) => head.forward(rnn.forward(embed.forward(input!))),
  );
  const loss = (logits: wg.Tensor, labels: wg.Tensor): wg.Tensor => nn.softmaxCrossEntropy(logits.reshape([-1, v]), labels.reshape([-1]));
  const trainer = new nn.Trainer({ model, loss, optimizer: nn.optim.adam({ lr: 0.02, clipNorm: 5 }), data, batchSize, seed });
  const losses: number[] = [];
  trainer.hook({ step: ({ metrics }) => void losses.push(metrics.loss!) });
  await trainer.fit({ steps });

  // Greedy continuation of a prompt, one character at a time.
  let text = 'the ';
  for (let i = 0; i < 24; i++) {
    const window = Int32Array.from(text.slice(-seq), (c) => index.get(c)!);
    const logits = trainer.predict(wg.tensor(window, { shape: [1, window.length], dtype: 'int32' }));
    const last = (await logits.data()).slice(-v);
    logits.dispose();
    text += chars[last.indexOf(Math.max(...last))]!;
  }
  model.dispose();
  trainer.optimizer.dispose();
  const mean = (a: number[]): number => a.reduce((p, q) => p + q, 0) / a.length;
  return { firstLoss: losses[0]!, lastLoss: mean(losses.slice(-10)), vocabulary: v, sample: text };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await trainCharLstm();
  console.log(`vocabulary ${r.vocabulary}: loss ${r.firstLoss.toFixed(3)} → ${r.lastLoss.toFixed(3)}; sample: "${r.sample}"`);
}
