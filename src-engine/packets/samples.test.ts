// The canonical POC packets, byte for byte. These exact bytes are what tshark.test.ts hands tshark, which
// dissects them without complaint and validates every checksum: they are known good.
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { Layer } from './layers';
import * as poc from './samples';
import { toHex } from './testing/hex';

const EXPECTED: [string, () => Layer[], string][] = [
  ['ARP request', poc.arpRequest, 'ffffffffffff00155dc8000a0806000108000604000100155dc8000ac0a8c80a000000000000c0a8c801'],
  ['ARP reply', poc.arpReply, '00155dc8000a00155dc800010806000108000604000200155dc80001c0a8c80100155dc8000ac0a8c80a'],
  ['DNS query', poc.dnsQuery, '00155dc8000100155dc8000a0800450000452c01000080116149c0a8c80ac0a86402e2a100350031c17f6a1f0100000100000000000006706f7274616c0a617a757265737461636b056c6f63616c0000010001'],
  ['DNS response', poc.dnsResponse, '00155dc8000a00155dc800020800450000550b5e00007f1182dcc0a86402c0a8c80a0035e2a1004126ca6a1f8580000100010000000006706f7274616c0a617a757265737461636b056c6f63616c0000010001c00c0001000100000e100004c0a8854a'],
  ['SYN at ClientVM', poc.synAtClient, '00155dc8000100155dc8000a08004500002c2c02400080060024c0a8c80ac0a8854ac24301bb3b9aca07000000006002faf004ef0000020405b4'],
  ['SYN at MuxVM', poc.synAtMux, '00155d64000600155d64000108004500002c2c0240007e060224c0a8c80ac0a8854ac24301bb3b9aca07000000006002faf004ef0000020405b4'],
  ['VXLAN SYN', poc.vxlanSyn, '00155de9001500155de9000608004500005e110400008011d61dc0a8e906c0a8e915e2ba12b5004a0000080000000010000000155d64000900155d64000108004500002c2c0240007e060224c0a8c80ac0a8854ac24301bb3b9aca07000000006002faf004ef0000020405b4'],
  ['SYN-ACK at ClientVM', poc.synAckAtClient, '00155dc8000a00155dc8000208004500002c0e2140007f061f05c0a8854ac0a8c80a01bbc2437f1e2d403b9aca086012faf0587f0000020405b4'],
  ['BGP OPEN from MuxVM', () => poc.bgpSession()[0]!, '00155d64000100155d640006080045000045110140008006a059c0a86406c0a86401c28800b30012d6884c6fa9e25018faf0b8440000ffffffffffffffffffffffffffffffff001d0104fc7400b4c0a8640600'],
  ['BGP OPEN from BGPVM', () => poc.bgpSession()[1]!, '00155d64000600155d6400010800450000455201400080065f59c0a86401c0a8640600b3c2884c6fa9e20012d6a55018faf0b8190000ffffffffffffffffffffffffffffffff001d0104fc8700b4c0a8640100'],
  ['BGP KEEPALIVE from MuxVM', () => poc.bgpSession()[2]!, '00155d64000100155d64000608004500003b110240008006a062c0a86406c0a86401c28800b30012d6a54c6fa9ff5018faf0d6fa0000ffffffffffffffffffffffffffffffff001304'],
  ['BGP UPDATE', () => poc.bgpSession()[4]!, '00155d64000100155d64000608004500005b110340008006a041c0a86406c0a86401c28800b30012d6b84c6faa125018faf0c1180000ffffffffffffffffffffffffffffffff00330200000012400101004002040201fc74400304c0a8640620c0a8854a20c0a88501'],
];

describe('the canonical POC packets', () => {
  it.each(EXPECTED)('%s encodes to its known-good bytes and decodes back', (_name, build, hex) => {
    const layers = build();
    const bytes = encodePacket(layers);
    expect(toHex(bytes)).toBe(hex);
    const r = decodePacket(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(encodePacket(r.value.layers)).toEqual(bytes);
    // Decoding fills in what encoding computed; nothing else differs.
    expect(r.value.layers).toMatchObject(layers);
  });
});
