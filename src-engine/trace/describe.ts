// One-line descriptions of frames for the event list, the transmission list and the pcapng comments:
// the view module's descriptors, read from the frame's bytes as the recorder keeps them.
import type { Protocol } from '../protocol';
import type { Layer } from '../packets/layers';
import { decodeLayers } from '../view/frame';
import { frameProtocol, PROTOCOLS } from '../view/protocols';

export { decodeLayers };

export function describeFrame(bytes: Uint8Array): { protocol: Protocol; summary: string } {
  return describeLayers(decodeLayers(bytes));
}

/** Protocol and summary of a decoded frame, describing the innermost interesting layer. */
export function describeLayers(layers: readonly Layer[]): { protocol: Protocol; summary: string } {
  const protocol = frameProtocol(layers);
  return { protocol, summary: PROTOCOLS[protocol].summary(layers) };
}
