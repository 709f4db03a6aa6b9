// What a capture holds: the points it was taken at and the frames seen there, in simulated time.

export interface CaptureInterface {
  /** Where the frames were seen, e.g. "MuxVM eth0"; Wireshark shows it as frame.interface_name. */
  readonly name: string;
  readonly description?: string;
}

export interface CapturedPacket {
  /** Index into Capture.interfaces. */
  readonly interfaceIndex: number;
  /** Simulated time in microseconds: a non-negative integer. */
  readonly timeUs: number;
  /** The whole Ethernet frame, without FCS. */
  readonly data: Uint8Array;
  /** Why the frame was sent; Wireshark shows it as frame.comment. */
  readonly comment?: string;
  /** Which way the frame went at this capture point (pcapng epb_flags bits 0-1). */
  readonly direction?: 'inbound' | 'outbound';
}

export interface Capture {
  readonly interfaces: readonly CaptureInterface[];
  readonly packets: readonly CapturedPacket[];
}

/** Ethernet, in both pcap and pcapng (tcpdump.org link-layer header types). */
export const LINKTYPE_ETHERNET = 1;
/** The largest frame a capture promises to hold whole; tcpdump's default. */
export const SNAPLEN = 262144;

export function checkTime(timeUs: number, index: number): void {
  if (!Number.isSafeInteger(timeUs) || timeUs < 0) {
    throw new Error(`packets[${index}].timeUs: ${timeUs} is not a whole, non-negative number of microseconds`);
  }
}
