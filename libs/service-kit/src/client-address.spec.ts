import type { Request } from 'express';
import { clientAddressOf } from './client-address.js';

const from = (ip: string) => clientAddressOf({ ip, socket: {} } as unknown as Request);

describe('clientAddressOf', () => {
  it('names an IPv4 client by its address, mapped into IPv6 or not', () => {
    expect(from('203.0.113.7')).toBe('203.0.113.7');
    expect(from('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('names an IPv6 client by its /64, however the address is written', () => {
    expect(from('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(from('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(from('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(from('::1')).toBe('0:0:0:0::/64');
    expect(from('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
