// The optional parameters of a BGP OPEN (RFC 4271 4.2): each is type, length, value. Type 2 carries
// capabilities (RFC 5492), each code, length, value: multiprotocol (1, RFC 4760), route refresh (2, RFC 2918)
// and 4-octet AS (65, RFC 6793) are read into fields; any other capability or parameter is kept as its bytes,
// and a known code whose length or reserved byte is not what its RFC says is kept as bytes too, so every
// OPEN re-encodes exactly.
import { checkUint, get16, get32, put16, put32 } from './bytes';
import type { Decoder } from './decoder';
import type { BgpCapability, BgpOptionalParameter } from './layers';
import { reserve, writeBytes, type Writer } from './writer';

const PARAM_CAPABILITIES = 2;
const CAP_MULTIPROTOCOL = 1;
const CAP_ROUTE_REFRESH = 2;
const CAP_FOUR_OCTET_AS = 65;

/** Writes the parameters after the optional parameters length byte; returns their length in bytes. */
export function encodeOptionalParameters(w: Writer, params: readonly BgpOptionalParameter[]): number {
  const start = w.pos;
  params.forEach((p, i) => {
    const at = w.pos;
    reserve(w, 2);
    w.pos += 2;
    if (p.type === 'other') {
      checkUint(p.code, 255, `bgp.message.optionalParameters.${i}.code`);
      writeBytes(w, p.data);
    } else {
      p.capabilities.forEach((c, j) => encodeCapability(w, c, `bgp.message.optionalParameters.${i}.capabilities.${j}`));
    }
    const length = w.pos - at - 2;
    if (length > 255) throw new Error(`bgp.message.optionalParameters.${i}: ${length} bytes do not fit one parameter (255); split it`);
    w.buf[at] = p.type === 'other' ? p.code : PARAM_CAPABILITIES;
    w.buf[at + 1] = length;
  });
  const total = w.pos - start;
  if (total > 255) throw new Error(`bgp.message.optionalParameters: ${total} bytes, more than an OPEN's 255`);
  return total;
}

function encodeCapability(w: Writer, c: BgpCapability, path: string): void {
  switch (c.kind) {
    case 'multiprotocol': {
      checkUint(c.afi, 0xffff, `${path}.afi`);
      checkUint(c.safi, 255, `${path}.safi`);
      const b = reserve(w, 6);
      b[w.pos] = CAP_MULTIPROTOCOL;
      b[w.pos + 1] = 4;
      put16(b, w.pos + 2, c.afi);
      b[w.pos + 4] = 0;
      b[w.pos + 5] = c.safi;
      w.pos += 6;
      return;
    }
    case 'route-refresh': {
      const b = reserve(w, 2);
      b[w.pos] = CAP_ROUTE_REFRESH;
      b[w.pos + 1] = 0;
      w.pos += 2;
      return;
    }
    case 'four-octet-as': {
      checkUint(c.asn, 0xffffffff, `${path}.asn`);
      const b = reserve(w, 6);
      b[w.pos] = CAP_FOUR_OCTET_AS;
      b[w.pos + 1] = 4;
      put32(b, w.pos + 2, c.asn);
      w.pos += 6;
      return;
    }
    case 'other': {
      checkUint(c.code, 255, `${path}.code`);
      if (c.data.length > 255) throw new Error(`${path}: ${c.data.length} bytes of data do not fit a capability (255)`);
      const b = reserve(w, 2);
      b[w.pos] = c.code;
      b[w.pos + 1] = c.data.length;
      w.pos += 2;
      writeBytes(w, c.data);
    }
  }
}

/** Reads the parameters in [at, end); undefined after recording the error. */
export function decodeOptionalParameters(d: Decoder, at: number, end: number): BgpOptionalParameter[] | undefined {
  const b = d.bytes;
  const params: BgpOptionalParameter[] = [];
  let p = at;
  while (p < end) {
    const i = params.length;
    if (end - p < 2) return void d.malformed('bgp', `message.optionalParameters.${i}`, p, 'an optional parameter needs a type and a length byte');
    const type = b[p]!;
    const length = b[p + 1]!;
    const valueEnd = p + 2 + length;
    if (valueEnd > end) return void d.malformed('bgp', `message.optionalParameters.${i}.length`, p + 1, `parameter length ${length} runs past the optional parameters (${end - p - 2} bytes left)`);
    if (type !== PARAM_CAPABILITIES) {
      // Spans name the layer's fields: an uninterpreted parameter's length byte goes with its data (which may be empty).
      if (d.fields) {
        d.span('bgp', `message.optionalParameters.${i}.type`, 'Optional parameter type', p, p + 1);
        d.span('bgp', `message.optionalParameters.${i}.code`, 'Optional parameter type', p, p + 1);
        d.span('bgp', `message.optionalParameters.${i}.data`, 'Optional parameter length and value', p + 1, valueEnd);
      }
      params.push({ type: 'other', code: type, data: b.slice(p + 2, valueEnd) });
    } else {
      if (d.fields) {
        d.span('bgp', `message.optionalParameters.${i}.type`, 'Optional parameter type (capabilities)', p, p + 1);
        d.span('bgp', `message.optionalParameters.${i}.length`, 'Optional parameter length', p + 1, p + 2);
      }
      const capabilities = decodeCapabilities(d, p + 2, valueEnd, `message.optionalParameters.${i}.capabilities`);
      if (capabilities === undefined) return undefined;
      params.push({ type: 'capabilities', capabilities });
    }
    p = valueEnd;
  }
  return params;
}

function decodeCapabilities(d: Decoder, at: number, end: number, path: string): BgpCapability[] | undefined {
  const b = d.bytes;
  const out: BgpCapability[] = [];
  let p = at;
  while (p < end) {
    const field = `${path}.${out.length}`;
    if (end - p < 2) return void d.malformed('bgp', field, p, 'a capability needs a code and a length byte');
    const code = b[p]!;
    const length = b[p + 1]!;
    const v = p + 2;
    if (v + length > end) return void d.malformed('bgp', `${field}.length`, p + 1, `capability length ${length} runs past its parameter (${end - v} bytes left)`);
    let c: BgpCapability;
    if (code === CAP_MULTIPROTOCOL && length === 4 && b[v + 2] === 0) c = { kind: 'multiprotocol', afi: get16(b, v), safi: b[v + 3]! };
    else if (code === CAP_ROUTE_REFRESH && length === 0) c = { kind: 'route-refresh' };
    else if (code === CAP_FOUR_OCTET_AS && length === 4) c = { kind: 'four-octet-as', asn: get32(b, v) };
    else c = { kind: 'other', code, data: b.slice(v, v + length) };
    if (d.fields) {
      d.span('bgp', `${field}.kind`, 'Capability code', p, p + 1);
      if (c.kind === 'other') {
        d.span('bgp', `${field}.code`, 'Capability code', p, p + 1);
        d.span('bgp', `${field}.data`, 'Capability length and value', p + 1, v + length);
      } else {
        d.span('bgp', `${field}.length`, 'Capability length', p + 1, p + 2);
      }
      if (c.kind === 'multiprotocol') {
        d.span('bgp', `${field}.afi`, 'Address family', v, v + 2);
        d.span('bgp', `${field}.reserved`, 'Reserved', v + 2, v + 3);
        d.span('bgp', `${field}.safi`, 'Subsequent address family', v + 3, v + 4);
      } else if (c.kind === 'four-octet-as') d.span('bgp', `${field}.asn`, 'AS number (4 octets)', v, v + 4);
    }
    out.push(c);
    p = v + length;
  }
  return out;
}

/** "MP IPv4 unicast, route refresh, 4-octet AS 64628": for summaries and tables. */
export function capabilityText(c: BgpCapability): string {
  switch (c.kind) {
    case 'multiprotocol':
      return `MP ${c.afi === 1 ? 'IPv4' : c.afi === 2 ? 'IPv6' : `AFI ${c.afi}`} ${c.safi === 1 ? 'unicast' : c.safi === 2 ? 'multicast' : `SAFI ${c.safi}`}`;
    case 'route-refresh':
      return 'route refresh';
    case 'four-octet-as':
      return `4-octet AS ${c.asn}`;
    case 'other':
      return `capability ${c.code}`;
  }
}
