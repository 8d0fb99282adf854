// Every public export and every public class member (Tensor's too) has a JSDoc comment: the API
// reference is generated from them (`pnpm run docs`), so an undocumented export is a hole in it.
import { describe, expect, it } from 'vitest';
import { undocumented } from './jsdoc.js';

describe('API reference', () => {
  it('has JSDoc on every public export and public class member', () => {
    expect(undocumented()).toEqual([]);
  });
});
