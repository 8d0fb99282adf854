// Glob patterns over dotted parameter paths: `*` matches within one segment, `**` matches any
// number of whole segments (including none). `layers.*.bias`, `**.weight`, `encoder.**`.

type Segment = RegExp | '**';

function compileSegment(segment: string): Segment {
  if (segment === '**') return '**';
  const escaped = segment.split('*').map((s) => s.replace(/[\\^$+?.()[\]{}|]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

function matches(pattern: readonly Segment[], i: number, path: readonly string[], j: number): boolean {
  if (i === pattern.length) return j === path.length;
  const segment = pattern[i]!;
  if (segment === '**') {
    for (let k = j; k <= path.length; k++) if (matches(pattern, i + 1, path, k)) return true;
    return false;
  }
  return j < path.length && segment.test(path[j]!) && matches(pattern, i + 1, path, j + 1);
}

/** Compiles a glob over dotted paths into a predicate. */
export function globMatcher(pattern: string): (path: string) => boolean {
  if (typeof pattern !== 'string' || !pattern) throw new Error(`glob: pattern must be a non-empty string like "layers.*.bias", got ${JSON.stringify(pattern)}`);
  const compiled = pattern.split('.').map(compileSegment);
  return (path) => matches(compiled, 0, path.split('.'), 0);
}
