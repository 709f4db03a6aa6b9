// `npm run trace -- --from ClientVM --to https://portal.azurestack.local [--fail MuxVM] [--json]`:
// runs one flow on the POC (or a topology file) and prints its hops, return path and disposition.
import { readFileSync, writeFileSync } from 'node:fs';
import type { WhatIf } from '../protocol';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { createRunSession } from '../run/session';
import { parseTopology } from '../topology/validate';
import { writeCapture } from '../trace/capture';
import { parseCliArgs, USAGE } from './args';
import { runJson, runText } from './format';

function fail(message: string, code = 2): never {
  process.stderr.write(`trace: ${message}\n`);
  process.exit(code);
}

function main(): void {
  const args = parseCliArgs(process.argv.slice(2));
  if (!args.ok) fail(args.error);
  const a = args.value;
  if (a.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let doc: unknown = POC_TOPOLOGY;
  if (a.topology) {
    try {
      doc = JSON.parse(readFileSync(a.topology, 'utf8'));
    } catch (e) {
      fail(`--topology ${a.topology}: ${(e as Error).message}`);
    }
  }
  const topology = parseTopology(doc);
  if (!topology.ok) fail(topology.error.map((e) => e.message).join('\n'));
  const whatIf: WhatIf[] = [];
  for (const target of a.fail) {
    whatIf.push({ action: 'fail', target, at: Math.round(a['fail-at'] * 1e6) });
    if (a['restore-at'] !== undefined) whatIf.push({ action: 'restore', target, at: Math.round(a['restore-at'] * 1e6) });
  }
  const session = createRunSession();
  const run = session.run(topology.value, {
    from: a.from,
    to: a.to,
    ...(a.seed !== undefined ? { seed: a.seed } : {}),
    whatIf,
    ...(a['flow-at'] ? { flowAt: a['flow-at'].map((t) => Math.round(t * 1e6)) } : {}),
    knobs: { secondMux: a['second-mux'], icmpRedirects: a['icmp-redirects'] },
  });
  if (!run.ok) fail(run.error.message, 1);
  if (a.pcap) {
    const pcap = session.exportPcapng(writeCapture);
    if (!pcap.ok) fail(pcap.error.message, 1);
    writeFileSync(a.pcap, pcap.value);
  }
  process.stdout.write(a.json ? `${JSON.stringify(runJson(run.value))}\n` : `${runText(run.value, a.all)}\n${a.pcap ? `pcapng written to ${a.pcap}\n` : ''}`);
}

main();
