// One error for many problems: checkpoint validation collects everything that is wrong and
// reports it at once, so that a mismatched file can be fixed in one go; and short excerpts of
// bad values, so that a hostile file never makes a message as large as itself.

/** How many problems a {@link CheckpointError}'s message lists; the rest are counted (all are in `problems`). */
export const MESSAGE_PROBLEMS = 10;

/** An Error listing every problem found; `problems` holds them one by one. */
export class CheckpointError extends Error {
  constructor(readonly title: string, readonly problems: readonly string[]) {
    const shown = problems.slice(0, MESSAGE_PROBLEMS).map((p) => `  - ${p}`);
    if (problems.length > MESSAGE_PROBLEMS) shown.push(`  - ... and ${problems.length - MESSAGE_PROBLEMS} more (see .problems)`);
    super(`${title} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${shown.join('\n')}`);
    this.name = 'CheckpointError';
  }
}

/** A {@link CheckpointError} with the given title and problems. */
export const problemsError = (title: string, problems: readonly string[]): CheckpointError => new CheckpointError(title, problems);

/** `s` cut to `max` characters (never inside a surrogate pair), with '...' when cut. */
export function clip(s: string, max = 40): string {
  if (s.length <= max) return s;
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) < 0xdc00 ? max - 1 : max;
  return `${s.slice(0, end)}...`;
}

/** A name for a message: quoted and clipped, `'layers.0.weight'`. */
export const quoteName = (name: string): string => `'${clip(name)}'`;

/**
 * A JSON-like excerpt of a parsed value of at most about `max` characters. It stops walking as
 * soon as it has enough, so a value of a million elements costs no more than a small one.
 */
export function excerpt(value: unknown, max = 40): string {
  let out = '';
  const walk = (v: unknown): boolean => {
    if (out.length > max) return false;
    if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i++) {
        if (i) out += ',';
        if (!walk(v[i])) return false;
      }
      out += ']';
    } else if (typeof v === 'object' && v !== null) {
      out += '{';
      let first = true;
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        out += `${first ? '' : ','}${JSON.stringify(clip(k, max))}:`;
        first = false;
        if (!walk((v as Record<string, unknown>)[k])) return false;
      }
      out += '}';
    } else out += typeof v === 'string' ? JSON.stringify(clip(v, max)) : String(v);
    return out.length <= max;
  };
  walk(value);
  return clip(out, max);
}

/** A shape for a message, `[2,3]`, clipped when it has very many dimensions. */
export const fmtShape = (shape: readonly number[]): string => (shape.length > 8 ? `[${shape.slice(0, 8).join(',')},... (${shape.length} dims)]` : `[${shape.join(',')}]`);
