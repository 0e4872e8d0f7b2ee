import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config';
import { keyId, verifierKey } from './signed-note';

export interface SigningKey {
  name: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
  vkey: string;
}

const loaded = new Map<string, SigningKey>();

/**
 * The checkpoint signing key: AUDIT_SIGNING_KEY_FILE (Ed25519, PKCS#8 PEM). Without that setting
 * (the embedded demo) one is made on first start at data/audit-signing-key.pem (mode 0600), created
 * exclusively so instances sharing the folder end up with the same key. Null when the named file
 * is missing: the server then makes no checkpoints (and says so).
 */
export function loadSigningKey(config: Pick<Config, 'auditSigningKeyFile' | 'auditSigningKeyGenerate' | 'auditLogOrigin'>): SigningKey | null {
  const file = config.auditSigningKeyFile;
  const cached = loaded.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    if (!config.auditSigningKeyGenerate) return null;
    const { privateKey } = generateKeyPairSync('ed25519');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  const name = config.auditLogOrigin;
  const key: SigningKey = {
    name, privateKey, publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }) as string,
    keyId: keyId(name, publicKey).toString('hex'),
    vkey: verifierKey(name, publicKey),
  };
  loaded.set(file, key);
  return key;
}
