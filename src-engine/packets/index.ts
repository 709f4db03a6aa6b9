// The packet codecs' public API: what the simulation engine and the hex view call.
export { encodePacket } from './encode';
export { decodePacket } from './decode';
export { fieldAt } from './fieldAt';
export { innerFlowHash, vxlanSourcePort } from './vxlanSourcePort';
export type { DecodedPacket, DecodeError, DecodeResult, FieldSpan, LayerSpan } from './decoded';
export * from './layers';
