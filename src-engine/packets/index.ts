// The packet codecs' public API: what the simulation engine and the hex view call.
export { encodePacket, encodePacketInto } from './encode';
export { copyBytes, standalone } from './slab';
export { decodePacket } from './decode';
export { fieldAt } from './fieldAt';
export { innerFlowHash, vxlanSourcePort } from './vxlanSourcePort';
export type { DecodedPacket, DecodeError, DecodeResult, FieldSpan, LayerSpan } from './decoded';
export * from './layers';
