// Glob patterns over dotted parameter paths: `*` matches within one segment, `**` matches any
// number of whole segments (including none). `layers.*.bias`, `**.weight`, `encoder.**`.
// Matching takes at most O(pattern length × path length) steps, whatever the stars.

/**
 * Whether `subject` matches `pattern`, where `isStar(pattern[i])` tokens match any run of subject
 * tokens (none included) and every other token must `matchOne` a single subject token.
 *
 * The classic two-pointer wildcard match: on a mismatch, only the latest star is retried one
 * token further on. That is enough because a star absorbs anything, so the earliest place the
 * literal run after it fits is never worse than a later one; each subject position is revisited
 * at most once per pattern token, which bounds the work by |pattern| × |subject| comparisons
 * (a regular expression of stars, like `.*.*.*`, backtracks exponentially instead).
 */
function wildcard<P, S>(pattern: ArrayLike<P>, subject: ArrayLike<S>, isStar: (p: P) => boolean, matchOne: (p: P, s: S) => boolean): boolean {
  let [i, j] = [0, 0];
  // The star last seen, and the subject position its run currently ends at.
  let [star, resumeAt] = [-1, 0];
  while (j < subject.length) {
    if (i < pattern.length && isStar(pattern[i]!)) {
      [star, resumeAt] = [i++, j];
    } else if (i < pattern.length && matchOne(pattern[i]!, subject[j]!)) {
      i++;
      j++;
    } else if (star >= 0) {
      // Let the latest star take one more token and retry the literal run after it.
      i = star + 1;
      j = ++resumeAt;
    } else {
      return false;
    }
  }
  while (i < pattern.length && isStar(pattern[i]!)) i++;
  return i === pattern.length;
}

/** One segment of a path against one segment of a pattern, `*` matching any characters. */
const segmentMatches = (pattern: string, segment: string): boolean =>
  pattern === '*' || (pattern.includes('*') ? wildcard(pattern, segment, (c) => c === '*', (a, b) => a === b) : pattern === segment);

/** Compiles a glob over dotted paths into a predicate. */
export function globMatcher(pattern: string): (path: string) => boolean {
  if (typeof pattern !== 'string' || !pattern) throw new Error(`glob: pattern must be a non-empty string like "layers.*.bias", got ${JSON.stringify(pattern)}`);
  const segments = pattern.split('.');
  return (path) => wildcard(segments, path.split('.'), (s) => s === '**', segmentMatches);
}
