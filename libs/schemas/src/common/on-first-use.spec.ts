import { onFirstUse } from './on-first-use.js';

describe('onFirstUse', () => {
  it('makes the value on the first call only, and keeps it', () => {
    let made = 0;
    const value = onFirstUse(() => ({ made: ++made }));
    expect(made).toBe(0);
    expect(value()).toBe(value());
    expect(made).toBe(1);
  });
});
