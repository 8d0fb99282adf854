// A consumer project outside the workspace: every package packed once (`pnpm pack` rewrites the
// workspace: dependencies), the tarballs installed with plain npm into a folder under the system
// temporary directory, and the app sources of test/build/app/ copied in.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every publishable package folder under packages/. */
const packages = readdirSync(join(root, 'packages'));

/** Packs every package into `dir`; returns the tarball paths. */
function packAll(dir: string): string[] {
  for (const name of packages) {
    execFileSync('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', dir], { cwd: join(root, 'packages', name), stdio: 'pipe' });
  }
  return readdirSync(dir).filter((f) => f.endsWith('.tgz')).map((f) => join(dir, f));
}

/**
 * Makes the scratch project: packs, installs the tarballs with npm (nothing else is fetched: the
 * packages depend only on each other and on @webgpu/types, taken from npm's cache or registry),
 * and copies the app. Returns its folder.
 */
export function makeScratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'webgrad-consumer-'));
  mkdirSync(join(dir, 'tarballs'));
  const tarballs = packAll(join(dir, 'tarballs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs, '@types/node@^20.19.0'], { cwd: dir, stdio: 'pipe' });
  cpSync(join(root, 'test/build/app'), dir, { recursive: true });
  return dir;
}
