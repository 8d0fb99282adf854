// The issue-13 case: autograd imported only for its effect (it installs Tensor.backward), which a
// bundler drops when the package claims "sideEffects": false.
import { tensor } from '@webgrad/tensor';
import '@webgrad/autograd';

const x = tensor([1, 2, 3]);
x.requiresGrad = true;
x.mul(x).sum().backward();
console.log(JSON.stringify(Array.from(await x.grad.data())));
