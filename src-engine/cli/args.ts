// Command-line arguments of `npm run trace`, checked with messages that name the bad argument and
// say how to fix it.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LIMITS } from '../limits';
import { MAX_MTU, MIN_MTU } from '../topology/schema';

export const USAGE = `Usage: npm run trace -- --from <node> --to <destination> [options]

  --from <node>          source node, e.g. ClientVM
  --to <destination>     https://portal.azurestack.local, portal.azurestack.local:443, 192.168.133.74[:port] or a node name
  --fail <target>        fail a node (MuxVM) or a link (MuxVM:pa) after BGP is up; repeatable
  --fail-at <seconds>    when the failures happen (default 1; at most ${LIMITS.whatIfTime / 1e6})
  --restore-at <seconds> restore the failed targets at this time (at most ${LIMITS.whatIfTime / 1e6})
  --flow-at <times>      start the flow at these times, one attempt each, e.g. 5s,200s (at most ${LIMITS.latestFlowStart / 1e6}; default:
                         once the what-ifs took effect; with --fail MuxVM, once during BGPVM's hold time, once after)
  --seed <n>             RNG seed (default 1): same seed, same bytes
  --second-mux           add MuxVM2 (ECMP over two MUXes)
  --second-dip           add PortalVM2, a second DIP behind the portal rule (with --fail PortalVM,
                         the MUX moves new flows to it once the health probes give up on PortalVM)
  --icmp-redirects       NATVM sends ICMP redirects
  --mtu <network=bytes>  give a network another MTU for the run, e.g. --mtu pa=1500 (the PA network without
                         room for VXLAN); repeatable. The client then pads its ClientHello to a full segment
  --topology <file>      a topology JSON document instead of the POC
  --json                 print one JSON object
  --pcap <file>          write the whole run as pcapng
  --pcap-points <where>  vm (default: each TCP segment once, at the VM NIC where it first appears),
                         switch (what leaves each switch port) or all (every link's sending side)
  --all                  list every hop, even in long loops
  --help                 this text`;

const MAX_SECONDS = LIMITS.whatIfTime / 1e6;

/** A number typed as text: blank is an error, never 0. */
const numberText = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i, message)
    .transform(Number);

const seconds = (name: string) =>
  numberText(`${name} must be a number of seconds, e.g. ${name} 1`).pipe(
    z.number().min(0, `${name} must be 0 or more`).max(MAX_SECONDS, `${name} must be at most ${MAX_SECONDS} seconds`),
  );

const argsSchema = z.object({
  from: z
    .string({ message: '--from is missing: name the source node, e.g. --from ClientVM' })
    .min(1, '--from is empty: name the source node, e.g. --from ClientVM')
    .max(LIMITS.nameLength, `--from is longer than ${LIMITS.nameLength} characters: name a node, e.g. --from ClientVM`),
  to: z
    .string({ message: '--to is missing: give a destination, e.g. --to https://portal.azurestack.local' })
    .min(1, '--to is empty: give a destination')
    .max(LIMITS.destinationLength, `--to is longer than ${LIMITS.destinationLength} characters: give a node, an address, a DNS name or a URL`),
  fail: z
    .array(z.string().max(2 * LIMITS.nameLength + 1, '--fail takes a node (MuxVM) or a link (MuxVM:pa)').regex(/^[A-Za-z][\w.-]*(:[\w.-]+)?$/, '--fail takes a node (MuxVM) or a link (MuxVM:pa)'))
    .max(LIMITS.whatIfs / 2, `--fail is given more than ${LIMITS.whatIfs / 2} times; a run takes at most ${LIMITS.whatIfs} what-ifs`)
    .default([]),
  'fail-at': seconds('--fail-at').default(1),
  'restore-at': seconds('--restore-at').optional(),
  'flow-at': z
    .string()
    .transform((text, ctx) => {
      const parts = text.split(',').map((p) => p.trim());
      const out: number[] = [];
      for (const p of parts) {
        const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(p);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `--flow-at: "${p}" is not a time; give seconds separated by commas, e.g. --flow-at 5s,200s` });
          return z.NEVER;
        }
        const at = Number(m[1]) * (m[2] === 'ms' ? 1e-3 : 1);
        // The engine's limit, in the microseconds the run is given (trace.ts rounds the same way).
        if (Math.round(at * 1e6) > LIMITS.latestFlowStart) {
          const latest = LIMITS.latestFlowStart / 1e6;
          ctx.addIssue({ code: 'custom', message: `--flow-at: ${p} is too late: a flow starts at most at ${latest} s, as an attempt may take ${LIMITS.attemptTime / 1e6} s and a run simulates at most ${LIMITS.simTime / 1e6} s; give an earlier time, e.g. --flow-at ${latest}s` });
          return z.NEVER;
        }
        out.push(at);
      }
      if (out.length > 8) {
        ctx.addIssue({ code: 'custom', message: `--flow-at: at most 8 attempts (${out.length} given)` });
        return z.NEVER;
      }
      return out;
    })
    .optional(),
  seed: numberText('--seed must be a whole number, e.g. --seed 7')
    .pipe(z.number().int('--seed must be a whole number, e.g. --seed 7').min(0, '--seed must be 0 or more').max(0xffffffff, '--seed must fit in 32 bits'))
    .optional(),
  'second-mux': z.boolean().default(false),
  'second-dip': z.boolean().default(false),
  'icmp-redirects': z.boolean().default(false),
  mtu: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z][\w.-]{0,62}=\d{1,5}$/, '--mtu takes a network and a number of bytes, e.g. --mtu pa=1500')
        .transform((s) => ({ network: s.slice(0, s.indexOf('=')), mtu: Number(s.slice(s.indexOf('=') + 1)) }))
        .pipe(z.object({ network: z.string(), mtu: z.number().min(MIN_MTU, `--mtu: an MTU is at least ${MIN_MTU} bytes (RFC 791)`).max(MAX_MTU, `--mtu: an MTU is at most ${MAX_MTU} bytes`) })),
    )
    .max(16, '--mtu is given more than 16 times')
    .default([]),
  topology: z.string().min(1, '--topology needs a file name').optional(),
  json: z.boolean().default(false),
  pcap: z.string().min(1, '--pcap needs a file name').optional(),
  'pcap-points': z.enum(['vm', 'switch', 'all'], { message: '--pcap-points is vm, switch or all' }).default('vm'),
  all: z.boolean().default(false),
  help: z.boolean().default(false),
});

export type CliArgs = z.output<typeof argsSchema>;

export function parseCliArgs(argv: readonly string[]): { ok: true; value: CliArgs } | { ok: false; error: string } {
  let values: Record<string, unknown>;
  let tokens: ReturnType<typeof parseArgs>['tokens'];
  try {
    ({ values, tokens } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        fail: { type: 'string', multiple: true },
        'fail-at': { type: 'string' },
        'restore-at': { type: 'string' },
        'flow-at': { type: 'string' },
        seed: { type: 'string' },
        'second-mux': { type: 'boolean' },
        'second-dip': { type: 'boolean' },
        'icmp-redirects': { type: 'boolean' },
        mtu: { type: 'string', multiple: true },
        topology: { type: 'string' },
        json: { type: 'boolean' },
        pcap: { type: 'string' },
        'pcap-points': { type: 'string' },
        all: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return { ok: false, error: `${(e as Error).message}. Run with --help to see the options.` };
  }
  // An option that takes one value, given twice, would keep the last and drop the first unchecked (a blank --seed
  // before a good one ran): refused, as any other argument error.
  const seen = new Set<string>();
  for (const t of tokens ?? []) {
    if (t.kind !== 'option' || t.name === 'fail' || t.name === 'mtu') continue;
    if (seen.has(t.name)) return { ok: false, error: `--${t.name} is given twice: give it once (only --fail and --mtu may repeat).` };
    seen.add(t.name);
  }
  if (values.help) return { ok: true, value: argsSchema.parse({ from: '-', to: '-', help: true }) };
  if (values['fail-at'] === undefined) delete values['fail-at'];
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join('\n') };
  if (parsed.data['restore-at'] !== undefined && parsed.data['restore-at'] <= parsed.data['fail-at']) {
    return { ok: false, error: '--restore-at must be later than --fail-at' };
  }
  return { ok: true, value: parsed.data };
}
