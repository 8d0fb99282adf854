// The published packages' metadata agrees with the root package.json, and each package ships a
// LICENSE and a README but no tests (scripts/packages.mjs, which `--write` fixes most of).
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script with no declarations
import { packages, problems } from '../../scripts/packages.mjs';

describe('published package manifests', () => {
  it.each(packages().map((p: { dir: string }) => [p.dir, p]))('packages/%s has its metadata, LICENSE and README and no tests in its tarball', (_dir, p) => {
    expect(problems(p)).toEqual([]);
  });
});
