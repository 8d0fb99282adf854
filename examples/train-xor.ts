// A two-layer perceptron learns XOR with plain tensors and autograd: the smallest complete
// training loop (forward, loss, backward, update) written with no training library.
import * as wg from 'webgradjs';

/** Loss after each epoch, and the final predictions for the four XOR inputs. */
export interface XorRun {
  losses: number[];
  predictions: number[];
}

/** Trains a 2-8-1 tanh/sigmoid network on XOR with full-batch gradient descent. */
export async function trainXor({ epochs = 500, lr = 0.5, seed = 1, onEpoch }: { epochs?: number; lr?: number; seed?: number; onEpoch?: (epoch: number, loss: number) => void } = {}): Promise<XorRun> {
  wg.seed(seed);
  const x = wg.keep(wg.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]));
  const y = wg.keep(wg.tensor([[0], [1], [1], [0]]));
  const params = [wg.randn([2, 8], 0, 1), wg.zeros([1, 8]), wg.randn([8, 1], 0, 1), wg.zeros([1, 1])].map((p) => wg.keep(wg.variable(p)));
  const [w1, b1, w2, b2] = params as [wg.Tensor, wg.Tensor, wg.Tensor, wg.Tensor];
  const forward = (input: wg.Tensor): wg.Tensor => input.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sigmoid();

  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const loss = wg.scope(() => {
      const p = forward(x);
      // Binary cross-entropy, clipped away from log(0).
      const l = y.mul(p.clip(1e-7, 1).log()).add(y.neg().add(1).mul(p.neg().add(1).clip(1e-7, 1).log())).mean().neg();
      l.backward();
      wg.noGrad(() => {
        for (const param of params) {
          param.assign(param.sub(param.grad!.mul(lr)));
          param.grad = null;
        }
      });
      return l;
    });
    const value = await loss.item();
    loss.dispose();
    losses.push(value);
    onEpoch?.(epoch, value);
  }
  const output = wg.scope(() => wg.noGrad(() => forward(x)));
  const predictions = Array.from(await output.data());
  wg.dispose([output, x, y, params]);
  return { losses, predictions };
}
