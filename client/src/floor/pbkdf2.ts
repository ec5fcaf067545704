/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) for PIN verifiers. WebCrypto when the page has it; browsers give
 * `crypto.subtle` only to secure contexts, and a tablet may reach the server at plain
 * `http://192.168.x.x` before HTTPS is set up (issue 9), so a pure-JS fallback produces the very
 * same bytes (a unit test checks both against node:crypto). The fallback precomputes the HMAC
 * inner and outer states, so each iteration costs two SHA-256 compressions and no allocation.
 */
export async function pbkdf2Sha256(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  bytes = 32,
): Promise<Uint8Array> {
  if (!(iterations >= 1) || !Number.isInteger(iterations))
    throw new Error('iterations must be a whole number ≥ 1');
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (subtle && typeof subtle.deriveBits === 'function') {
    const key = await subtle.importKey('raw', password as BufferSource, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
      key,
      bytes * 8,
    );
    return new Uint8Array(bits);
  }
  return pbkdf2Sha256Js(password, salt, iterations, bytes);
}

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** One SHA-256 compression of the 16-word block `w[0..15]` into `h` (w is scratch: 64 words). */
function compress(h: Int32Array, w: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!,
    b = h[1]!,
    c = h[2]!,
    d = h[3]!,
    e = h[4]!,
    f = h[5]!,
    g = h[6]!,
    hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

/** SHA-256 of arbitrary bytes, starting from state `h` after `prefixBytes` already hashed. */
function digestFrom(h0: Int32Array, prefixBytes: number, msg: Uint8Array): Int32Array {
  const h = new Int32Array(h0);
  const total = prefixBytes + msg.length;
  const padded = new Uint8Array(Math.ceil((msg.length + 9) / 64) * 64);
  padded.set(msg);
  padded[msg.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor((total * 8) / 2 ** 32));
  view.setUint32(padded.length - 4, (total * 8) >>> 0);
  const w = new Int32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(off + i * 4);
    compress(h, w);
  }
  return h;
}

function keyStates(password: Uint8Array): { inner: Int32Array; outer: Int32Array } {
  let key = password;
  if (key.length > 64) {
    const hk = digestFrom(IV, 0, key);
    const kb = new Uint8Array(32);
    const kv = new DataView(kb.buffer);
    for (let i = 0; i < 8; i++) kv.setInt32(i * 4, hk[i]!);
    key = kb;
  }
  const pad = (x: number) => {
    const block = new Uint8Array(64).fill(x);
    for (let i = 0; i < key.length; i++) block[i] = block[i]! ^ key[i]!;
    const view = new DataView(block.buffer);
    const w = new Int32Array(64);
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(i * 4);
    const h = new Int32Array(IV);
    compress(h, w);
    return h;
  };
  return { inner: pad(0x36), outer: pad(0x5c) };
}

/** HMAC of a 32-byte message held as 8 words, from precomputed key states: two compressions. */
function hmac32(
  inner: Int32Array,
  outer: Int32Array,
  msg: Int32Array,
  out: Int32Array,
  w: Int32Array,
  h: Int32Array,
): void {
  h.set(inner);
  w.fill(0);
  w.set(msg);
  w[8] = 0x80000000 | 0;
  w[15] = (64 + 32) * 8;
  compress(h, w);
  w.fill(0);
  w.set(h);
  h.set(outer);
  w[8] = 0x80000000 | 0;
  w[15] = (64 + 32) * 8;
  compress(h, w);
  out.set(h.subarray(0, 8));
}

/** The pure-JS path (exported for the equivalence test). */
export function pbkdf2Sha256Js(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  bytes = 32,
): Uint8Array {
  const { inner, outer } = keyStates(password);
  const out = new Uint8Array(bytes);
  const blocks = Math.ceil(bytes / 32);
  const w = new Int32Array(64);
  const h = new Int32Array(8);
  for (let block = 1; block <= blocks; block++) {
    const first = new Uint8Array(salt.length + 4);
    first.set(salt);
    new DataView(first.buffer).setUint32(salt.length, block);
    const ih = digestFrom(inner, 64, first);
    const u = new Int32Array(8);
    hmacFinish(outer, ih, u, w, h);
    const t = new Int32Array(u);
    for (let i = 1; i < iterations; i++) {
      hmac32(inner, outer, u, u, w, h);
      for (let j = 0; j < 8; j++) t[j] = t[j]! ^ u[j]!;
    }
    const tb = new Uint8Array(32);
    const view = new DataView(tb.buffer);
    for (let j = 0; j < 8; j++) view.setInt32(j * 4, t[j]!);
    out.set(tb.subarray(0, Math.min(32, bytes - (block - 1) * 32)), (block - 1) * 32);
  }
  return out;
}

/** The outer hash of an HMAC whose inner hash is `ih` (8 words). */
function hmacFinish(outer: Int32Array, ih: Int32Array, out: Int32Array, w: Int32Array, h: Int32Array): void {
  h.set(outer);
  w.fill(0);
  w.set(ih.subarray(0, 8));
  w[8] = 0x80000000 | 0;
  w[15] = (64 + 32) * 8;
  compress(h, w);
  out.set(h.subarray(0, 8));
}
