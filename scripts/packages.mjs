// The published packages' metadata, kept in one place: the root package.json holds the
// project's repository, homepage and bugs; every packages/* manifest gets them (with its own
// `directory` and README link) and the engines consumers need from here. `--write` updates the
// manifests; without it, prints what disagrees or is missing (LICENSE, README, keywords, test
// files in the tarball) and exits 1. Usage: node scripts/packages.mjs [--write]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The Node versions the published packages run on (the workspace's tools need newer). */
const ENGINES = { node: '>=20' };
/** What a tarball must not hold: unit tests, test tables and fixtures, fuzzers. */
const TEST_FILE = /(\.test\.ts$|\/testing\/|\/fuzz-|\/layers\/testing\.)/;

/** The fields every package.json shares with the project, for the package in packages/`dir`. */
export function sharedFields(dir) {
  const url = project.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  return {
    repository: { ...project.repository, directory: `packages/${dir}` },
    homepage: `${url}/tree/main/packages/${dir}#readme`,
    bugs: project.bugs,
    engines: ENGINES,
  };
}

/** Every published package: its folder, manifest path and parsed manifest. */
export function packages() {
  return readdirSync(join(root, 'packages')).map((dir) => {
    const path = join(root, 'packages', dir, 'package.json');
    return { dir, path, manifest: JSON.parse(readFileSync(path, 'utf8')) };
  });
}

/** What is wrong with one package, as sentences naming the package (empty when nothing is). */
export function problems({ dir, manifest }, { pack = true } = {}) {
  const found = [];
  for (const [key, want] of Object.entries(sharedFields(dir))) {
    if (JSON.stringify(manifest[key]) !== JSON.stringify(want)) found.push(`${manifest.name}: "${key}" is ${JSON.stringify(manifest[key])}, expected ${JSON.stringify(want)} (run node scripts/packages.mjs --write)`);
  }
  if (!manifest.keywords?.length) found.push(`${manifest.name}: no "keywords"`);
  for (const file of ['LICENSE', 'README.md']) {
    if (!existsSync(join(root, 'packages', dir, file))) found.push(`${manifest.name}: no ${file}`);
    if (!manifest.files?.includes(file)) found.push(`${manifest.name}: "files" lacks ${file}`);
  }
  if (pack) {
    const [listing] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(root, 'packages', dir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const tests = listing.files.map((f) => f.path).filter((p) => TEST_FILE.test(p));
    if (tests.length) found.push(`${manifest.name}: the tarball holds ${tests.length} test files, e.g. ${tests.slice(0, 3).join(', ')}`);
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) {
    for (const { dir, path, manifest } of packages()) {
      // Shared fields go right after "license", in a fixed order, so diffs stay small.
      const entries = Object.entries(manifest).filter(([key]) => !(key in sharedFields(dir)));
      const at = entries.findIndex(([key]) => key === 'license') + 1;
      entries.splice(at, 0, ...Object.entries(sharedFields(dir)));
      writeFileSync(path, JSON.stringify(Object.fromEntries(entries), null, 2) + '\n');
    }
  }
  const found = packages().flatMap((p) => problems(p));
  for (const line of found) console.log(line);
  process.exit(found.length ? 1 : 0);
}
