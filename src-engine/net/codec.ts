// The packet codecs, seen from the simulator: one import point, so devices do not depend on
// where the codec module lives.
export { decodePacket, encodePacket } from '../packets/index';
