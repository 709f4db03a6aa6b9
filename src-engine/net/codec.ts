// The packet codecs, seen from the simulator: one import point, so devices do not depend on
// where the codec modules live. The checksums are the codecs' own (one module serves both), with the
// incremental updates a router, NAT or VFP uses when it rewrites a field.
export { copyBytes, decodePacket, encodePacket, standalone } from '../packets/index';
export { adjustChecksum16, adjustChecksum32, fixIpv4Checksum, onesSum } from '../packets/checksum';
