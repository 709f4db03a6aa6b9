// The layers as a collapsible tree of fields, outermost first; the frame inside a VXLAN packet is shown
// nested, as a packet inside a packet. Fields this hop changed are marked with their old value.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DecodedPacket } from '../../src-engine/packets/decoded';
import type { LayerDiff } from './diffLayers';
import { fieldRows } from './fields';
import { formatWas, layerSummary, layerTitle } from '../../src-engine/view/index';

interface Props {
  packet: DecodedPacket;
  bytes: Uint8Array;
  diff: LayerDiff | undefined;
  selected: string | undefined;
  onSelect: (key: string) => void;
}

export function LayerTree({ packet, bytes, diff, selected, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  const vxlanAt = packet.layers.findIndex((l) => l.type === 'vxlan');
  const changed = useMemo(() => new Map((diff?.changes ?? []).map((c) => [`${c.layerIndex}:${c.field}`, c.before])), [diff]);
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    root.current?.querySelector('[aria-pressed="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const toggle = (i: number) => setCollapsed((s) => (s.has(i) ? new Set([...s].filter((x) => x !== i)) : new Set([...s, i])));

  return (
    <div className="layer-tree" role="group" aria-label="Layers" ref={root}>
      {packet.layers.map((layer, i) => {
        const open = !collapsed.has(i);
        const inner = vxlanAt >= 0 && i > vxlanAt;
        const added = diff?.added.includes(i);
        const rows = open ? fieldRows(packet, bytes, i) : [];
        return (
          <div key={i} className={`layer layer-${layer.type}${inner ? ' layer-inner' : ''}`} data-layer={layer.type}>
            {inner && i === vxlanAt + 1 && <div className="inner-caption">Inner frame, carried inside VXLAN</div>}
            <button type="button" className="layer-head" aria-expanded={open} onClick={() => toggle(i)}>
              <span className="caret" aria-hidden="true">
                {open ? '▾' : '▸'}
              </span>
              <strong>{layerTitle(layer.type)}</strong> <span className="layer-summary">{layerSummary(layer)}</span>
              {added && <span className="badge badge-added">added here</span>}
            </button>
            {open && (
              <ul className="fields">
                {rows.map((r) => {
                  const before = changed.get(`${i}:${r.span.field}`);
                  return (
                    <li key={r.key} className={r.depth ? 'field-nested' : undefined}>
                      <button type="button" className={`field-row${before !== undefined ? ' field-changed' : ''}`} aria-pressed={selected === r.key} onClick={() => onSelect(r.key)}>
                        <span className="field-label">{r.label}:</span> <span className="field-value">{r.value}</span>
                        {before !== undefined && <span className="field-was"> (was {formatWas(layer.type, r.span.field, before, r.span.end - r.span.start)})</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
