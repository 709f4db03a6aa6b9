// Every maximum the engine enforces, in one place, so the README, the URL, the CLI and the engine agree.
// They bound the work one input can cause: a shared link or a loaded file can never make a run simulate
// for years, allocate without end, or freeze the page. Each is well above anything the POC needs.
import { SECOND } from './sim/timing.ts';

const SIM_TIME = 3_600 * SECOND;
const ATTEMPT_TIME = 60 * SECOND;

export const LIMITS = {
  /** A topology document file, in bytes (the 20,000-VM benchmark topology is about 12 MB). */
  documentBytes: 50 * 1024 * 1024,
  /** Nodes in a topology: the largest documented topology is 4,000 VMs; the benchmark goes to 20,000. */
  nodes: 20_000,
  networks: 4_096,
  /** NICs of one node (Hyper-V gives a VM at most 12 adapters; a router VM may have one per subnet). */
  interfacesPerNode: 256,
  routesPerNode: 1_024,
  /** Load-balancing rules: several per BGP UPDATE message, which is split as it grows (RFC 4271). */
  vipRules: 8_192,
  dipsPerRule: 256,
  dnsRecords: 20_000,
  bgpSpeakers: 256,
  peersPerSpeaker: 256,
  /** Names of records (node, interface, network, rule ids). */
  nameLength: 63,
  /** Labels, roles, rule names, DNS zone, provenance sources. */
  labelLength: 200,
  /** Free text: descriptions. */
  textLength: 2_000,
  /** A destination as typed (a URL with a 253-character host name still fits). */
  destinationLength: 300,
  /** What-ifs of one run. */
  whatIfs: 64,
  /** MTU what-ifs of one run (at most one per network matters; 16 covers any topology's documented networks). */
  mtuWhatIfs: 16,
  /** The latest simulated time a what-if may happen at, in microseconds (10 minutes). */
  whatIfTime: 600 * SECOND,
  /** A run stops after this much simulated time (1 hour) with disposition "budget-exceeded". */
  simTime: SIM_TIME,
  /** The longest one attempt of the flow may take: its lookup, three SYNs (0, 3, 9 s, then 12 s more: 21 s), its data. */
  attemptTime: ATTEMPT_TIME,
  /** The latest an attempt may start, so that it ends within the run's simulated time (3,540 s). */
  latestFlowStart: SIM_TIME - ATTEMPT_TIME,
  /** A run stops after this many simulated events with disposition "budget-exceeded". */
  events: 5_000_000,
} as const;

/** The MTU a network has when its document names none: Ethernet's 1500 bytes (RFC 894). */
export const DEFAULT_MTU = 1500;
/** The smallest MTU a network may have: every IPv4 host accepts 576-byte packets (RFC 791). */
export const MIN_MTU = 576;
/** The largest: a 9216-byte jumbo frame. */
export const MAX_MTU = 9216;
