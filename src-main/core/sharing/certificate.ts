import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsCredentials } from './lan-listener.js';

/**
 * The certificate for TLS sharing: made on first use (self-signed, for this machine's names and
 * addresses) and kept in the data directory, so its fingerprint stays the same and peers that
 * pinned it keep trusting it.
 */
export async function sharingCertificate(dataDir: string, names: readonly string[], addresses: readonly string[]): Promise<TlsCredentials & { fingerprint: string }> {
  const certFile = join(dataDir, 'tls-cert.pem');
  const keyFile = join(dataDir, 'tls-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const now = new Date();
    const pems = await generate([{ name: 'commonName', value: names[0] ?? 'hubdeck' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + 10 * 365 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2 as const, value })), ...addresses.map((ip) => ({ type: 7 as const, ip }))] },
      ],
    });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert);
  }
  const cert = readFileSync(certFile, 'utf8');
  return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: new X509Certificate(cert).fingerprint256 };
}
