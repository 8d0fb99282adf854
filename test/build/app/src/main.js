// The consumer app every bundler builds (test/build/bundlers.ts): the umbrella, then the checks.
import * as wg from 'webgradjs';
// Redundant once the umbrella includes the wasm backend (branch i13-backend); harmless after.
import '@webgrad/backend-wasm';
import { report } from './check.js';

report(wg);
