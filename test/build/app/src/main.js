// The consumer app every bundler builds (test/build/bundlers.ts): the umbrella, then the checks.
import * as wg from 'webgradjs';
import { report } from './check.js';

report(wg);
