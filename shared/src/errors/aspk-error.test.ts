import { describe, expect, it } from 'vitest';
import { AspkError, isAspkError } from './aspk-error.js';

describe('AspkError', () => {
  it('carries a stable code and details, and the guard checks the code', () => {
    const e = new AspkError('STORE_FULL', 'disk full', { path: '/x' });
    expect(e).toBeInstanceOf(Error);
    expect(isAspkError(e)).toBe(true);
    expect(isAspkError(e, 'STORE_FULL')).toBe(true);
    expect(isAspkError(e, 'STORE_IO')).toBe(false);
    expect(isAspkError(new Error('STORE_FULL'))).toBe(false);
    expect(e.details).toEqual({ path: '/x' });
  });
});
