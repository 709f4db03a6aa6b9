// The illustrative certificate chain PortalVM presents is real DER that a TLS stack reads: the leaf for
// portal.azurestack.local, issued and signed by the illustrative CA, each with the names and dates its comment gives.
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PORTAL_CERTIFICATE, PORTAL_CHAIN } from './illustrativeCertificate';

const ORG = 'O=Illustrative certificate\\, not from Azure Stack';

describe('the illustrative certificate chain', () => {
  it('is the leaf, then the CA that issued it (RFC 5246 7.4.2)', () => {
    expect(PORTAL_CHAIN.length).toBe(2);
    expect(PORTAL_CHAIN[0]).toBe(PORTAL_CERTIFICATE);
    expect(PORTAL_CHAIN.map((der) => der.length)).toEqual([979, 893]);
  });

  it('the leaf names portal.azurestack.local, is valid 2016-01-29 to 2018-01-29, and the CA signed it', () => {
    const leaf = new X509Certificate(PORTAL_CERTIFICATE);
    const ca = new X509Certificate(PORTAL_CHAIN[1]!);
    expect(leaf.subject).toBe(`CN=portal.azurestack.local\n${ORG}`);
    expect(leaf.subjectAltName).toBe('DNS:portal.azurestack.local');
    expect(leaf.issuer).toBe(ca.subject);
    expect([leaf.validFrom, leaf.validTo]).toEqual(['Jan 29 00:00:00 2016 GMT', 'Jan 29 00:00:00 2018 GMT']);
    expect(leaf.ca).toBe(false);
    expect(leaf.verify(ca.publicKey)).toBe(true);
  });

  it('the CA is "AzureStack illustrative CA", self-signed, valid 2016-01-29 to 2021-01-29', () => {
    const ca = new X509Certificate(PORTAL_CHAIN[1]!);
    expect(ca.subject).toBe(`CN=AzureStack illustrative CA\n${ORG}`);
    expect(ca.issuer).toBe(ca.subject);
    expect([ca.validFrom, ca.validTo]).toEqual(['Jan 29 00:00:00 2016 GMT', 'Jan 29 00:00:00 2021 GMT']);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
  });
});
