/**
 * Bytes, text and hashing for the evidence verifiers, on nothing but what Node 20 and a browser
 * both have: globalThis.crypto.subtle, TextEncoder and TextDecoder (shared's lib has no DOM types,
 * so the few members used are declared here).
 */
export interface CryptoKeyLike {
  readonly type: string;
}
export interface SubtleLike {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
  importKey(format: 'spki' | 'raw', keyData: Uint8Array, algorithm: { name: 'Ed25519' }, extractable: boolean, usages: string[]): Promise<CryptoKeyLike>;
  verify(algorithm: { name: 'Ed25519' }, key: CryptoKeyLike, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  exportKey(format: 'raw', key: CryptoKeyLike): Promise<ArrayBuffer>;
}
interface Globals {
  crypto: { subtle: SubtleLike };
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(b: Uint8Array): string };
  atob(s: string): string;
  btoa(s: string): string;
}
const g = globalThis as unknown as Globals;

export const subtle = (): SubtleLike => {
  if (!g.crypto?.subtle) throw new Error('this runtime has no WebCrypto (globalThis.crypto.subtle)');
  return g.crypto.subtle;
};

export const utf8 = (s: string): Uint8Array => new g.TextEncoder().encode(s);
/** Strict UTF-8: a byte sequence that is not UTF-8 is an error, not replacement characters. */
export const fromUtf8 = (b: Uint8Array): string => new g.TextDecoder('utf-8', { fatal: true }).decode(b);

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

export const toHex = (b: Uint8Array) => Array.from(b, (v) => v.toString(16).padStart(2, '0')).join('');
export function fromHex(s: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})*$/.test(s)) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (const v of b) s += String.fromCharCode(v);
  return g.btoa(s);
}
/** Standard base64 (RFC 4648 §4) with padding, canonical: anything else is null. */
export function fromBase64(s: string): Uint8Array | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) return null;
  const bin = g.atob(s);
  const out = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return toBase64(out) === s ? out : null;
}

export async function sha256(data: Uint8Array | string): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', typeof data === 'string' ? utf8(data) : data));
}
