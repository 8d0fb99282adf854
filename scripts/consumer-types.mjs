// Type-checks the published declarations as a consumer sees them: packs every package, installs
// the tarballs with plain npm into a scratch project outside the workspace, and runs the
// workspace's tsc (strict, skipLibCheck false) on files importing every entry point: with the DOM
// lib (es2022 and esnext), and Node-only (lib es2022, types node). The Node-only program leaves
// out the WebGPU entries: their types are @webgpu/types', which are written against the DOM lib
// (as for Dawn's own `webgpu` package). Prints each error; exits 1 on any.
// Usage: node scripts/consumer-types.mjs [--keep]   (--keep leaves the scratch folder).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpm = ['-y', rootPkg.packageManager];
const scratch = mkdtempSync(join(tmpdir(), 'webgrad-consumer-types-'));
const tarballs = join(scratch, 'tarballs');
mkdirSync(tarballs);

// Every package and every entry point with types (not the .wasm files or the plain-JS worker).
const packages = readdirSync(join(root, 'packages')).map((dir) => {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  execFileSync('npx', [...pnpm, 'pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', dir), stdio: 'ignore' });
  const entries = Object.entries(pkg.exports).filter(([, target]) => typeof target === 'object' && target.types);
  return { name: pkg.name, specifiers: entries.map(([path]) => pkg.name + path.slice(1)) };
});
const files = readdirSync(tarballs);
const dependencies = Object.fromEntries(packages.map(({ name }) => {
  const file = files.find((f) => f.startsWith(name.replace('@', '').replace('/', '-') + '-'));
  return [name, `file:./tarballs/${file}`];
}));
dependencies['@types/node'] = rootPkg.devDependencies['@types/node'];
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2));
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: scratch, stdio: 'inherit' });

// One namespace import per entry point, and a check that the GPU types did not become `any`.
const needsWebGPU = (s) => s.startsWith('@webgrad/backend-webgpu') || s === '@webgrad/worker/worker-entry';
const specifiers = packages.flatMap((p) => p.specifiers);
const importAll = (list) => list.map((s, i) => `import * as m${i} from '${s}';\nexport { m${i} };`).join('\n') + '\n';
writeFileSync(join(scratch, 'all.ts'), `${importAll(specifiers)}
import type { WebGPUBackend } from '@webgrad/backend-webgpu';
type IsAny<T> = 0 extends 1 & T ? true : false;
export const deviceIsTyped: IsAny<WebGPUBackend['device']> = false;
`);
writeFileSync(join(scratch, 'node.ts'), importAll(specifiers.filter((s) => !needsWebGPU(s))));
const base = { strict: true, skipLibCheck: false, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext' };
const projects = {
  dom: { files: ['all.ts'], compilerOptions: { ...base, lib: ['es2022', 'dom'], types: [] } },
  'dom-esnext': { files: ['all.ts'], compilerOptions: { ...base, lib: ['esnext', 'dom'], types: [] } },
  node: { files: ['node.ts'], compilerOptions: { ...base, lib: ['es2022'], types: ['node'] } },
};
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let total = 0;
for (const [name, project] of Object.entries(projects)) {
  writeFileSync(join(scratch, `tsconfig.${name}.json`), JSON.stringify(project, null, 2));
  const run = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: scratch, encoding: 'utf8' });
  const errors = run.stdout.split('\n').filter((line) => / error TS\d+:/.test(line));
  total += errors.length;
  console.log(`${name}: ${errors.length} errors${errors.length ? '\n  ' + errors.join('\n  ') : ''}`);
}
if (process.argv.includes('--keep')) console.log(`scratch project: ${scratch}`);
else rmSync(scratch, { recursive: true, force: true });
process.exit(total ? 1 : 0);
