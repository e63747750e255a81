import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, totp } from './totp.mjs';

// RFC 6238 appendix B (SHA-1), last 6 of the 8 digits; the secret is "12345678901234567890".
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('base32Decode reads RFC 4648 Base32, ignoring case, spaces and padding', () => {
  assert.equal(base32Decode(SECRET).toString(), '12345678901234567890');
  assert.equal(base32Decode('mzxw 6ytb oi======').toString(), 'foobar');
  assert.throws(() => base32Decode('ABC1'), /Not a Base32 character: 1/);
});

test('totp matches the RFC 6238 test vectors', () => {
  assert.equal(totp(SECRET, 59_000), '287082');
  assert.equal(totp(SECRET, 1_111_111_109_000), '081804');
  assert.equal(totp(SECRET, 1_234_567_890_000), '005924');
  assert.equal(totp(SECRET, 2_000_000_000_000), '279037');
});
