// The frame's bytes, 16 to a row, tinted by layer. The selected field's bytes are highlighted; clicking
// a byte selects the field it belongs to. Rows are keyed by offset and take plain values (their bytes,
// tints and selected range as text and numbers), so a step updates the rows in place and a row whose
// bytes did not change is not rendered again.
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { DecodedPacket } from '../../src-engine/packets/decoded';
import { asciiByte, fieldKey, fieldUnder, hexByte, hexRows, layerOfByte, spanOf } from './fields';

interface Props {
  packet: DecodedPacket;
  bytes: Uint8Array;
  selected: string | undefined;
  onSelect: (key: string) => void;
}

const WIDTH = 16;

export const HexDump = memo(function HexDump({ packet, bytes, selected, onSelect }: Props) {
  const span = spanOf(packet, selected);
  const rows = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    rows.current?.querySelector('.sel')?.scrollIntoView({ block: 'nearest' });
  }, [span]);
  // Each byte's tint, one character per byte: its layer's, 0 to 6, or '-' for a byte no layer holds.
  const tint = useMemo(() => Array.from(bytes, (_, i) => {
    const t = layerOfByte(packet, i) % 7;
    return t < 0 ? '-' : String(t);
  }).join(''), [packet, bytes]);
  const pick = (offset: number) => {
    const f = fieldUnder(packet, offset);
    if (f) onSelect(fieldKey(f));
  };
  return (
    <div className="hexdump" role="group" aria-label="Packet bytes" data-selected-start={span?.start} data-selected-end={span?.end}>
      {span && (
        <p className="hex-selection">
          {span.label}: bytes {span.start}–{span.end - 1}
        </p>
      )}
      <div className="hex-rows" ref={rows} onClick={(e) => {
        const o = (e.target as HTMLElement).dataset.offset;
        if (o !== undefined) pick(Number(o));
      }}>
        {hexRows(bytes.length, WIDTH).map((start) => {
          const end = Math.min(bytes.length, start + WIDTH);
          // The selection, clipped to this row (an empty range when it misses the row).
          const selFrom = span ? Math.min(end, Math.max(start, span.start)) : start;
          const selTo = span ? Math.max(selFrom, Math.min(end, span.end)) : start;
          return (
            <HexRow
              key={start}
              start={start}
              hex={Array.from(bytes.subarray(start, end), hexByte).join('')}
              tint={tint.slice(start, end)}
              selFrom={selFrom}
              selTo={selTo}
            />
          );
        })}
      </div>
    </div>
  );
});

interface RowProps {
  start: number;
  /** The row's bytes, two hex digits each. */
  hex: string;
  /** The row's bytes' tints, a character each (see HexDump). */
  tint: string;
  /** The selected bytes in this row: [selFrom, selTo), by offset in the frame. */
  selFrom: number;
  selTo: number;
}

const HexRow = memo(function HexRow({ start, hex, tint, selFrom, selTo }: RowProps) {
  const n = hex.length / 2;
  const cls = (j: number) => `b t${tint[j] === '-' ? -1 : (tint[j] ?? 0)}${start + j >= selFrom && start + j < selTo ? ' sel' : ''}`;
  const byteAt = (j: number) => parseInt(hex.slice(j * 2, j * 2 + 2), 16);
  const cells = Array.from({ length: n }, (_, j) => j);
  return (
    <div className="hex-row">
      <span className="hex-offset">{start.toString(16).padStart(4, '0')}</span>
      <span className="hex-bytes">
        {cells.map((j) => (
          <span key={j} className={cls(j)} data-offset={start + j}>
            {hex.slice(j * 2, j * 2 + 2)}
          </span>
        ))}
      </span>
      <span className="hex-ascii">
        {cells.map((j) => (
          <span key={j} className={cls(j)} data-offset={start + j}>
            {asciiByte(byteAt(j))}
          </span>
        ))}
      </span>
    </div>
  );
});
