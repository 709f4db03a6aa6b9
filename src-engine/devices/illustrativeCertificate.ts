// The certificate chain PortalVM's HTTPS service presents: ILLUSTRATIVE. Made for Hoplab with OpenSSL
// (RSA 2048, SHA-256): a leaf for portal.azurestack.local (subjectAltName DNS:portal.azurestack.local,
// valid 2016-01-29 to 2018-01-29) issued by "AzureStack illustrative CA", both with the organisation
// "Illustrative certificate, not from Azure Stack". Real DER, so Wireshark decodes every field; nobody
// holds a trust anchor for it and the simulator never checks a signature. Azure Stack TP1's own
// certificates are not public, so their size and names are not modelled.

const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The leaf certificate, DER. */
export const PORTAL_CERTIFICATE = fromBase64(
  'MIIDzzCCAregAwIBAgIBAjANBgkqhkiG9w0BAQsFADBeMSMwIQYDVQQDDBpBenVyZVN0YWNrIGlsbHVzdHJhdGl2ZSBDQTE3MDUG' +
  'A1UECgwuSWxsdXN0cmF0aXZlIGNlcnRpZmljYXRlLCBub3QgZnJvbSBBenVyZSBTdGFjazAeFw0xNjAxMjkwMDAwMDBaFw0xODAx' +
  'MjkwMDAwMDBaMFsxIDAeBgNVBAMMF3BvcnRhbC5henVyZXN0YWNrLmxvY2FsMTcwNQYDVQQKDC5JbGx1c3RyYXRpdmUgY2VydGlm' +
  'aWNhdGUsIG5vdCBmcm9tIEF6dXJlIFN0YWNrMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAlq+Ztx4pLnhKUTU4GhjI' +
  '5pP3zEC5koICNrFPl+5fdHV6pRTuoXFGE7yzxfapWGlBms5rzEA8iLb9CYdjp1NP9N0UTZEyjUbv7dYgJqRG/MphnvDj37W4dRfx' +
  'VVQXv8O+3USg2VJmqUkkUHcPi55OPtdqsfhwPJSVhZhP2UpsvfWfUk2Wg9vNELZo7tqQfuc+mXOrNHpGZKW8IttB+pT7DLoA5ZCo' +
  'qf3NWX1bt2hAsgcl0Qa+ChLnerSO8UcYCFm9N4iIlzFEICOlTUJAyLZH2iiYvhUovqO3q+DJwdFTECdswwKSH6YNp4NXSXDwGBml' +
  'MyW/c8JdrW14R1a5Mmfx6QIDAQABo4GaMIGXMAwGA1UdEwEB/wQCMAAwDgYDVR0PAQH/BAQDAgWgMBMGA1UdJQQMMAoGCCsGAQUF' +
  'BwMBMCIGA1UdEQQbMBmCF3BvcnRhbC5henVyZXN0YWNrLmxvY2FsMB8GA1UdIwQYMBaAFMFyRkcSQ6orH7YaMsJA4WZ3udZdMB0G' +
  'A1UdDgQWBBRBVUM2EVyhEacSexHIftSV9hlYDjANBgkqhkiG9w0BAQsFAAOCAQEAPNteT/moXE5NbYEaU0NLCiRLc2xqCQ8uiEfi' +
  'evE45yzJx0lxdXNmz/Dmgg0n7af/7iPgvDsdNy03fGdiGAWTOA1D0DqNkp6OLImmLDCccxdmXPEarJqRkwwsnWBPNTya6LR0JusN' +
  'kOBZhOKNmHgtohRmjEXFu328vtO0SxzWkRV3bPohngFhoO3XXUwXi2zgC5wGx6/fkFFpaL56G+r4TsmPNvip1CzMh4AY9bzZae8R' +
  '+JuM+4ZvZFQgp8d34GLky59PjPl+mg+rrvATAd8QYoeJCBUZu5b9VAqQx9rUHr+h52phlF7jlWD/NWRVEC5SUv7NTYoW76fcdFpP' +
  'O5g8eQ==',
);

/** The illustrative CA that issued it, DER. */
export const ILLUSTRATIVE_CA_CERTIFICATE = fromBase64(
  'MIIDeTCCAmGgAwIBAgIBATANBgkqhkiG9w0BAQsFADBeMSMwIQYDVQQDDBpBenVyZVN0YWNrIGlsbHVzdHJhdGl2ZSBDQTE3MDUG' +
  'A1UECgwuSWxsdXN0cmF0aXZlIGNlcnRpZmljYXRlLCBub3QgZnJvbSBBenVyZSBTdGFjazAeFw0xNjAxMjkwMDAwMDBaFw0yMTAx' +
  'MjkwMDAwMDBaMF4xIzAhBgNVBAMMGkF6dXJlU3RhY2sgaWxsdXN0cmF0aXZlIENBMTcwNQYDVQQKDC5JbGx1c3RyYXRpdmUgY2Vy' +
  'dGlmaWNhdGUsIG5vdCBmcm9tIEF6dXJlIFN0YWNrMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApdPMua6fxujLFXbS' +
  '7B+mPvK96Fu4g3/IGfpntG189vz1w8HtHfEmZ1Wz7npzyRQUMyQgdphjQ1eCVwIvdD3viIG2F4pyKPHzu3PHzRp5Kq0uMxrBdXux' +
  '/02HWTJKX3yAtlpuuhIOzcdt8FGYM208TLBgZTdE866Q1x7NCuesdJll7eERrktIGoiPOWhAtK+ITwkgEwRi2kpbRBS2Fca1BJ2c' +
  'ByVhS3PbNj7FZ1vKBeFb77ihwmml0qJS3CS6S9l5nDKMYNShpfQ3qJyIWRf8Bhi6x2CmxkNsERX3rx+dLvteKzQGbwuJJ0Q2qxeP' +
  'UgHFsoYnXF7UgNuXcKl+1Zv0fwIDAQABo0IwQDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIBBjAdBgNVHQ4EFgQUwXJG' +
  'RxJDqisfthoywkDhZne51l0wDQYJKoZIhvcNAQELBQADggEBAE9dV8UB0ed/izRwQpWu5s5+n29q5QirV4ZgQ1ekT/+hSIGqRFZ/' +
  'H/vPqcV9ydFoZ5pYLIvV7fi28QB2ThNYAA/lCJPGVz4Es1hi2sxtRf6ABGLqz4Ged3VMZAEbsIneMa0bNdAjnHpgVmi9kwTWkQ33' +
  '9z+xxqT5CyeOJ2TvdZ2WDMK/B1Ai0rztZmLAv25Vq+1o38cab/7CNs4u7rR1gFzczK9neJMFlvmoEX+yhdYkHeWYBTzlfRDMeKne' +
  'c4PLNmtW2xs++wrZ41yPZU7sGr8Ty6oYdeKW1NnYGcM+GC0woeQ92dLimSelNAVBLtic7lbR6zKKzLIGFJjBjrP6/ZQ=',
);

/** The chain as the server sends it (RFC 5246 7.4.2: the sender's certificate first). */
export const PORTAL_CHAIN: readonly Uint8Array[] = [PORTAL_CERTIFICATE, ILLUSTRATIVE_CA_CERTIFICATE];
