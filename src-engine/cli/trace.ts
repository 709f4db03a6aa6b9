// `npm run trace -- --from ClientVM --to https://portal.azurestack.local [--fail MuxVM] [--json]`:
// runs one flow on the POC (or a topology file) and prints its hops, return path and disposition.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { LIMITS } from '../limits';
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
      const size = statSync(a.topology).size;
      if (size > LIMITS.documentBytes) fail(`--topology ${a.topology}: the file is ${size} bytes; a topology document is at most ${LIMITS.documentBytes} bytes`);
      doc = JSON.parse(readFileSync(a.topology, 'utf8'));
    } catch (e) {
      fail(`--topology ${a.topology}: ${fileProblem(e)}`);
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
    knobs: { secondMux: a['second-mux'], secondDip: a['second-dip'], icmpRedirects: a['icmp-redirects'] },
    ...(a.mtu.length ? { mtu: a.mtu } : {}),
  });
  if (!run.ok) fail(run.error.message, 1);
  if (a.pcap) {
    const pcap = session.exportPcapng(writeCapture, a['pcap-points']);
    if (!pcap.ok) fail(pcap.error.message, 1);
    try {
      writeFileSync(a.pcap, pcap.value);
    } catch (e) {
      fail(`--pcap ${a.pcap}: ${fileProblem(e)}`, 1);
    }
  }
  process.stdout.write(a.json ? `${JSON.stringify(runJson(run.value))}\n` : `${runText(run.value, a.all)}\n${a.pcap ? `pcapng written to ${a.pcap}\n` : ''}`);
}

/** A file error as a sentence that says what to do, not a stack trace. */
function fileProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder; check the path (the folder must exist)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; pick a path you may read or write';
  if (code === 'EISDIR') return 'that is a folder; give a file name';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder; check the path';
  if (e instanceof SyntaxError) return `not valid JSON (${e.message}); fix the syntax and try again`;
  return (e as Error).message;
}

try {
  main();
} catch (e) {
  // A bug, not a user error: say so in one line (exit 70, EX_SOFTWARE) rather than with a stack trace.
  process.stderr.write(`trace: internal error: ${(e as Error).message}. Please report it with the command you ran.\n`);
  process.exit(70);
}
