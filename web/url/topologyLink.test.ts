import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_LINK_LENGTH, packTopology, unpackTopology } from './topologyLink';

const example = (f: string) => JSON.parse(readFileSync(`public/examples/${f}`, 'utf8')) as unknown;

describe('topology links', () => {
  it.each(['poc.json', 'poc-two-muxes.json', 'poc-tenant-vip.json'])('%s round-trips exactly and fits a link', (file) => {
    const doc = example(file);
    const packed = packTopology(doc);
    if (!packed.ok) throw new Error(packed.message);
    expect(packed.param).toMatch(/^[A-Za-z0-9+\-$]+$/);
    expect(packed.param.length).toBeLessThan(8_000);
    expect(unpackTopology(packed.param)).toEqual({ ok: true, doc });
  });

  it('refuses a document too large for a link, saying what to do instead', () => {
    const big = { nodes: Array.from({ length: 4000 }, (_, i) => ({ id: `n${i}`, mac: Math.sin(i).toString(36) })) };
    const packed = packTopology(big);
    expect(packed.ok).toBe(false);
    if (!packed.ok) expect(packed.message).toMatch(new RegExp(`too large for a link \\([\\d,]+ characters; links longer than ${MAX_LINK_LENGTH.toLocaleString('en')} get cut\\)\\. Use "Export topology"`));
  });

  it('reports a cut or changed parameter instead of throwing', () => {
    const packed = packTopology(example('poc.json'));
    if (!packed.ok) throw new Error(packed.message);
    expect(unpackTopology(packed.param.slice(0, 200)).ok).toBe(false);
    expect(unpackTopology('not-a-topology')).toMatchObject({ ok: false });
    expect(unpackTopology('')).toMatchObject({ ok: false, message: expect.stringContaining('"topo" parameter') });
  });
});
