// Capture files for Wireshark and tshark.
export { writePcapng } from './pcapng';
export { writePcap } from './pcap';
export type { Capture, CaptureInterface, CapturedPacket } from './types';
