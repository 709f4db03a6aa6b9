// The frame's bytes, 16 to a row, tinted by layer. The selected field's bytes are highlighted; clicking
// a byte selects the field it belongs to.
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { DecodedPacket } from '../../src-engine/packets/decoded';
import { asciiByte, fieldKey, fieldUnder, hexByte, hexRows, layerOfByte, spanOf } from './fields';

interface Props {
  packet: DecodedPacket;
  bytes: Uint8Array;
  selected: string | undefined;
  onSelect: (key: string) => void;
}

export const HexDump = memo(function HexDump({ packet, bytes, selected, onSelect }: Props) {
  const span = spanOf(packet, selected);
  const rows = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    rows.current?.querySelector('.sel')?.scrollIntoView({ block: 'nearest' });
  }, [span]);
  const tint = useMemo(() => Array.from(bytes, (_, i) => layerOfByte(packet, i)), [packet, bytes]);
  const pick = (offset: number) => {
    const f = fieldUnder(packet, offset);
    if (f) onSelect(fieldKey(f));
  };
  const cls = (i: number) => `b t${(tint[i] ?? 0) % 7}${span && i >= span.start && i < span.end ? ' sel' : ''}`;
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
        {hexRows(bytes.length).map((start) => (
          <div key={start} className="hex-row">
            <span className="hex-offset">{start.toString(16).padStart(4, '0')}</span>
            <span className="hex-bytes">
              {Array.from(bytes.subarray(start, start + 16), (b, j) => (
                <span key={j} className={cls(start + j)} data-offset={start + j}>
                  {hexByte(b)}
                </span>
              ))}
            </span>
            <span className="hex-ascii">
              {Array.from(bytes.subarray(start, start + 16), (b, j) => (
                <span key={j} className={cls(start + j)} data-offset={start + j}>
                  {asciiByte(b)}
                </span>
              ))}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
});
