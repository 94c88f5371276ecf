import { readFileSync } from 'node:fs';

const read = (file: string) => readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8');

describe("the outsider's receipt check", () => {
  it('is shown in the README exactly as docs/check-receipt.mjs holds it (the file the e2e tests run)', () => {
    const shown = /`docs\/check-receipt\.mjs`, run as it is by a test[\s\S]*?```js\n([\s\S]*?)```/.exec(read('README.md'))?.[1];
    expect(shown).toBe(read('docs/check-receipt.mjs'));
  });
});
