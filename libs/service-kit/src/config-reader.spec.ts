import { ConfigReader, ConfigurationError } from './config-reader.js';

describe('ConfigReader', () => {
  it('reads typed values with defaults', () => {
    const read = new ConfigReader({ PORT: '8080', NAME: ' x ' });
    expect(read.integer('PORT', 1)).toBe(8080);
    expect(read.integer('OTHER', 7)).toBe(7);
    expect(read.string('NAME')).toBe('x');
    expect(() => read.done()).not.toThrow();
  });

  it('collects every problem into one error', () => {
    const read = new ConfigReader({ PORT: 'eighty', URL: 'not a url', LEVEL: 'loud' });
    read.integer('PORT', 1, { max: 65535 });
    read.url('URL');
    read.string('SECRET');
    read.oneOf('LEVEL', ['log', 'debug'] as const, 'log');
    let error: unknown;
    try {
      read.done();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT.*URL.*SECRET.*LEVEL/s);
  });

  it('checks patterns without echoing the value', () => {
    const read = new ConfigReader({ KEY: 'short-secret' });
    read.matching('KEY', /^[0-9a-f]{64}$/, '64 hex characters');
    expect(() => read.done()).toThrow(/KEY must be 64 hex characters/);
    expect(() => read.done()).not.toThrow(/short-secret/);
  });
});
