// The layers as a collapsible tree of fields, outermost first; the frame inside a VXLAN packet is shown
// nested, as a packet inside a packet. Fields this hop changed are marked with their old value.
//
// One tree for every frame: a step changes the rows' text in place (layers keyed by place and type, fields
// by their key), and a row whose label, value and marks are unchanged is not rendered again. Building the
// tree anew each step, and removing the old one, had been most of a step's work on the page.
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DecodedPacket } from '../../src-engine/packets/decoded';
import type { Layer } from '../../src-engine/packets/layers';
import type { LayerDiff } from './diffLayers';
import { fieldRows } from './fields';
import { formatWas, layerSummary, layerTitle } from '../../src-engine/view/index';

interface Props {
  /** The frame shown: every layer opens again when it changes. */
  txId: number;
  packet: DecodedPacket;
  bytes: Uint8Array;
  diff: LayerDiff | undefined;
  selected: string | undefined;
  onSelect: (key: string) => void;
}

const NONE: ReadonlySet<number> = new Set();

export const LayerTree = memo(function LayerTree({ txId, packet, bytes, diff, selected, onSelect }: Props) {
  // Which layers are folded, for this frame only.
  const [folds, setFolds] = useState<{ txId: number; collapsed: ReadonlySet<number> }>({ txId, collapsed: NONE });
  const collapsed = folds.txId === txId ? folds.collapsed : NONE;
  const vxlanAt = packet.layers.findIndex((l) => l.type === 'vxlan');
  const changed = useMemo(() => new Map((diff?.changes ?? []).map((c) => [`${c.layerIndex}:${c.field}`, c.before])), [diff]);
  const root = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    root.current?.querySelector('[aria-pressed="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, txId]);
  const toggle = useCallback(
    (i: number) =>
      setFolds((f) => {
        const s = f.txId === txId ? f.collapsed : NONE;
        return { txId, collapsed: s.has(i) ? new Set([...s].filter((x) => x !== i)) : new Set([...s, i]) };
      }),
    [txId],
  );

  return (
    <div className="layer-tree" role="group" aria-label="Layers" ref={root}>
      {packet.layers.map((layer, i) => {
        const open = !collapsed.has(i);
        const inner = vxlanAt >= 0 && i > vxlanAt;
        return (
          <LayerView
            key={`${i}:${layer.type}`}
            index={i}
            layer={layer}
            packet={packet}
            bytes={bytes}
            open={open}
            inner={inner}
            innerFirst={inner && i === vxlanAt + 1}
            added={diff?.added.includes(i) ?? false}
            changed={changed}
            selected={selected}
            onToggle={toggle}
            onSelect={onSelect}
          />
        );
      })}
    </div>
  );
});

interface LayerProps {
  index: number;
  layer: Layer;
  packet: DecodedPacket;
  bytes: Uint8Array;
  open: boolean;
  inner: boolean;
  innerFirst: boolean;
  added: boolean;
  changed: ReadonlyMap<string, string>;
  selected: string | undefined;
  onToggle: (index: number) => void;
  onSelect: (key: string) => void;
}

function LayerView({ index: i, layer, packet, bytes, open, inner, innerFirst, added, changed, selected, onToggle, onSelect }: LayerProps) {
  const rows = open ? fieldRows(packet, bytes, i) : [];
  return (
    <div className={`layer layer-${layer.type}${inner ? ' layer-inner' : ''}`} data-layer={layer.type}>
      {innerFirst && <div className="inner-caption">Inner frame, carried inside VXLAN</div>}
      <button type="button" className="layer-head" aria-expanded={open} onClick={() => onToggle(i)}>
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
              <FieldRowView
                key={r.key}
                fieldKey={r.key}
                nested={r.depth > 0}
                label={r.label}
                value={r.value}
                was={before !== undefined ? formatWas(layer.type, r.span.field, before, r.span.end - r.span.start) : undefined}
                pressed={selected === r.key}
                onSelect={onSelect}
              />
            );
          })}
        </ul>
      )}
    </div>
  );
}

interface FieldRowProps {
  fieldKey: string;
  nested: boolean;
  label: string;
  value: string;
  /** The value before this hop, when the hop changed the field. */
  was: string | undefined;
  pressed: boolean;
  onSelect: (key: string) => void;
}

/** One field: plain values only, so a row the step leaves unchanged is not rendered again. */
const FieldRowView = memo(function FieldRowView({ fieldKey, nested, label, value, was, pressed, onSelect }: FieldRowProps) {
  return (
    <li className={nested ? 'field-nested' : undefined}>
      <button type="button" className={`field-row${was !== undefined ? ' field-changed' : ''}`} aria-pressed={pressed} onClick={() => onSelect(fieldKey)}>
        <span className="field-label">{label}:</span> <span className="field-value">{value}</span>
        {was !== undefined && <span className="field-was"> (was {was})</span>}
      </button>
    </li>
  );
});
