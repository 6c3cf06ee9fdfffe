import { describe, expect, it } from 'vitest';
import { heldPercent } from './digest';

describe('pupil conversations held (%) in the weekly digest', () => {
  it('rounds to whole per cent, but 100 % only when every pupil has had the conversation and 0 % only when none has', () => {
    expect(heldPercent(0, 0)).toBeNull();
    expect(heldPercent(1, 2)).toBe(50);
    expect(heldPercent(2, 3)).toBe(67);
    expect(heldPercent(500, 500)).toBe(100);
    expect(heldPercent(499, 500)).toBe(99);
    expect(heldPercent(1, 500)).toBe(1);
    expect(heldPercent(0, 500)).toBe(0);
  });
});
