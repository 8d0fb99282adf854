// Registers optional backends for the suites that run every op on every registered backend
// (test/conformance, test/gradcheck, test/nn-backends, test/parity): 'wasm', and 'webgpu' on Node's Dawn. A backend that cannot start here (no adapter) is
// still registered: starting it fails with the reason, which the suite reports. Other test
// files keep the registry their package under test sets up.
import { expect } from 'vitest';
import { registerNodeWebGPU } from '../packages/backend-webgpu/src/node.js';

if (/[\\/]test[\\/](conformance|gradcheck|nn-backends|parity)[\\/]/.test(expect.getState().testPath ?? '')) {
  await import('@webgrad/backend-wasm');
  registerNodeWebGPU();
}
