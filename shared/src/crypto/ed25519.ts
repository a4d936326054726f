import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AspkError } from '../errors/aspk-error.js';
import { sha256Hex } from './sha256.js';

/**
 * Ed25519 keys for signing watchlist data and audit checkpoints, with `node:crypto` only. Private keys travel
 * as PKCS#8 PEM (a file in central's data directory); public keys as the raw 32 bytes in base64url
 * (43 characters), short enough to pin in an agent's configuration.
 */
export interface SigningKey {
  /** PKCS#8 PEM of the private key. */
  privateKeyPem: string;
  /** Raw 32-byte public key, base64url. */
  publicKey: string;
  /** `keyIdOf(publicKey)`. */
  keyId: string;
}

/** Makes a new Ed25519 key pair. */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

/** Loads a PKCS#8 PEM Ed25519 private key; throws `CONFIG_INVALID` for anything else. */
export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (e) {
    throw new AspkError('CONFIG_INVALID', 'signing key is not a PEM private key', undefined, { cause: e });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AspkError('CONFIG_INVALID', 'signing key is not Ed25519');
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  const publicKey = String(jwk.x);
  return { privateKeyPem, publicKey, keyId: keyIdOf(publicKey) };
}

/** Key id: first 16 hex characters of SHA-256 over the raw public key bytes. */
export function keyIdOf(publicKey: string): string {
  return sha256Hex(Buffer.from(publicKey, 'base64url')).slice(0, 16);
}

const privateCache = new Map<string, KeyObject>();
const publicCache = new Map<string, KeyObject | null>();

function privateKeyObject(pem: string): KeyObject {
  let k = privateCache.get(pem);
  if (k === undefined) {
    k = createPrivateKey(pem);
    privateCache.set(pem, k);
  }
  return k;
}

function publicKeyObject(publicKey: string): KeyObject | null {
  let k = publicCache.get(publicKey);
  if (k === undefined) {
    try {
      const raw = Buffer.from(publicKey, 'base64url');
      k = raw.length === 32 ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' }) : null;
    } catch {
      k = null;
    }
    publicCache.set(publicKey, k);
  }
  return k;
}

/** Ed25519 signature over the UTF-8 bytes of `message`, base64 (88 characters). */
export function signEd25519(privateKeyPem: string, message: string): string {
  return sign(null, Buffer.from(message, 'utf8'), privateKeyObject(privateKeyPem)).toString('base64');
}

/** True when `signature` (base64) is a valid Ed25519 signature of `message` by `publicKey` (base64url raw). */
export function verifyEd25519(publicKey: string, message: string, signature: string): boolean {
  const key = publicKeyObject(publicKey);
  if (key === null) return false;
  const sig = Buffer.from(signature, 'base64');
  if (sig.length !== 64) return false;
  return verify(null, Buffer.from(message, 'utf8'), key, sig);
}
