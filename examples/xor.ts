// `pnpm start` (until the playground lands): trains XOR in Node and prints the loss falling.
import { trainXor } from './train-xor.js';

const started = performance.now();
const { losses, predictions } = await trainXor({
  onEpoch: (epoch, loss) => {
    if (epoch % 50 === 0) console.log(`epoch ${String(epoch).padStart(3)}  loss ${loss.toFixed(4)}`);
  },
});
console.log(`final loss ${losses.at(-1)!.toFixed(4)} after ${losses.length} epochs (${(performance.now() - started).toFixed(0)} ms)`);
console.log('XOR(0,0) XOR(0,1) XOR(1,0) XOR(1,1) ≈', predictions.map((p) => p.toFixed(3)).join('  '));
