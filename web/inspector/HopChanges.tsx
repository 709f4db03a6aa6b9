// What this hop did to the packet, compared with the same packet one link earlier: outer headers added
// or removed, addresses rewritten, TTL taken down; checksum updates summed up in one line.
import type { DecodedPacket } from '../../src-engine/packets/decoded';
import type { Transmission } from '../../src-engine/protocol';
import type { LayerDiff } from './diffLayers';
import { layerTitle } from '../../src-engine/view/index';
import { Glossed } from '../glossary/Glossed';

export function HopChanges({ diff, packet, prev, tx }: { diff: LayerDiff | undefined; packet: DecodedPacket; prev: Transmission | undefined; tx: Transmission }) {
  if (!diff || !prev) {
    return (
      <div className="changes" aria-label="What this hop changed">
        <h4>What this hop changed</h4>
        <p className="muted">The frame starts here: {tx.fromNode} built it.</p>
      </div>
    );
  }
  const label = (layerIndex: number, field: string) => {
    const layer = packet.layers[layerIndex];
    const span = packet.fields.find((f) => f.layerIndex === layerIndex && f.field === field);
    return `${layer ? layerTitle(layer.type) : ''} ${span?.label.toLowerCase() ?? field}`;
  };
  const checksums = diff.changes.filter((c) => /checksum/i.test(c.field));
  const others = diff.changes.filter((c) => !/checksum/i.test(c.field));
  const nothing = diff.added.length === 0 && diff.removed.length === 0 && others.length === 0;
  return (
    <div className="changes" aria-label="What this hop changed">
      <h4>
        What this hop changed <span className="muted">(compared with frame #{prev.id}, {prev.fromNode} → {prev.toNode ?? 'lost'})</span>
      </h4>
      <ul>
        {diff.added.length > 0 && (
          <li className="change-added">
            Outer headers added: <Glossed text={diff.added.map((i) => layerTitle(packet.layers[i]!.type)).join(', ')} />
          </li>
        )}
        {diff.removed.length > 0 && (
          <li className="change-removed">
            Outer headers removed: <Glossed text={diff.removed.join(', ')} />
          </li>
        )}
        {others.map((c) => (
          <li key={`${c.layerIndex}:${c.field}`} className="change-field">
            {label(c.layerIndex, c.field)}: <s>{c.before}</s> → <strong>{c.after}</strong>
          </li>
        ))}
        {checksums.length > 0 && <li className="muted">Checksums recomputed: {[...new Set(checksums.map((c) => layerTitle(packet.layers[c.layerIndex]!.type)))].join(', ')}</li>}
        {nothing && checksums.length === 0 && <li className="muted">Nothing: the frame went through unchanged.</li>}
      </ul>
    </div>
  );
}
