// The published packages' metadata agrees with the root package.json, and each package ships a
// LICENSE and a README but no tests (scripts/packages.mjs, which `--write` fixes most of).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script with no declarations
import * as script from '../../scripts/packages.mjs';

interface Package { dir: string }
const { packages, problems } = script as { packages(): Package[]; problems(p: Package): string[] };

describe('published package manifests', () => {
  it.each(packages().map((p) => [p.dir, p] as const))('packages/%s has its metadata, LICENSE and README and no tests in its tarball', (_dir, p) => {
    expect(problems(p)).toEqual([]);
  });
});
