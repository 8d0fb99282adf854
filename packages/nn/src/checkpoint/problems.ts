// One error for many problems: checkpoint validation collects everything that is wrong and
// reports it at once, so that a mismatched file can be fixed in one go.

/** An Error listing every problem found; `problems` holds them one by one. */
export class CheckpointError extends Error {
  constructor(readonly title: string, readonly problems: readonly string[]) {
    super(`${title} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CheckpointError';
  }
}

/** A {@link CheckpointError} with the given title and problems. */
export const problemsError = (title: string, problems: readonly string[]): CheckpointError => new CheckpointError(title, problems);
