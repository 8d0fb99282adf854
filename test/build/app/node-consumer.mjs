// A Node program that imports the umbrella alone and prints the backend the first op gets.
import * as wg from 'webgradjs';

await wg.ready();
console.log(JSON.stringify({ backend: wg.getBackend() }));
