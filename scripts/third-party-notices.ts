// The licence notices of the third-party code a bundle includes, as one legal comment (`/*! … */`)
// for a bundle's first lines: minifiers drop the packages' own comments, and MIT and BSD-3-Clause
// both ask that the notice travel with every copy.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** The folder of package `name` above `file` (some packages do not export their package.json). */
function packageDir(file: string, name: string): string {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === name) return dir;
  }
  throw new Error(`third-party-notices: no package.json named '${name}' above ${file}`);
}

/**
 * The notice of each of `packages` (names resolvable from `from`, a file URL), with its version.
 * @example postBanner: thirdPartyNotices(['lit', 'uplot'], import.meta.url)
 */
export function thirdPartyNotices(packages: string[], from: string): string {
  const require = createRequire(from);
  const parts = packages.map((name) => {
    const dir = packageDir(require.resolve(name), name);
    const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return `${name} ${version} (${license}):\n${readFileSync(join(dir, 'LICENSE'), 'utf8').trim()}`;
  });
  return `/*! Third-party code in this file and its licences.\n\n${parts.join('\n\n').replaceAll('*/', '* /')}\n*/`;
}
