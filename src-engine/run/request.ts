// A run request from outside (the page over the worker boundary, the CLI) checked before anything runs:
// types, lengths and the documented maxima (limits.ts), so a hostile request costs no more than a normal one.
import { z } from 'zod';
import { engineError } from '../view/errors';
import { LIMITS } from '../limits';
import type { EngineError, Result, RunRequest } from '../protocol';
import { formatPath } from '../topology/validate';
import { MAX_MTU, MIN_MTU } from '../topology/schema';

const whatIfSchema = z.object({
  action: z.enum(['fail', 'restore'], { message: 'a what-if action is "fail" or "restore"' }),
  target: z.string().min(1).max(2 * LIMITS.nameLength + 1, 'a what-if target is a node id or "NodeId:interfaceId"'),
  at: z
    .number({ message: 'a what-if time is a number of microseconds' })
    .finite()
    .min(0, 'a what-if time is 0 or more')
    .max(LIMITS.whatIfTime, `a what-if time is at most ${LIMITS.whatIfTime} µs (${LIMITS.whatIfTime / 1e6} s)`),
});

/** Why a flow may start no later: its attempt must end within the run. */
const LATEST_START = `a flow start time is at most ${LIMITS.latestFlowStart} µs (${LIMITS.latestFlowStart / 1e6} s): an attempt may take ${LIMITS.attemptTime / 1e6} s, and a run simulates at most ${LIMITS.simTime / 1e6} s`;

const requestSchema = z.object({
  from: z.string().max(LIMITS.nameLength, `the source is a node id of at most ${LIMITS.nameLength} characters`),
  to: z.string().max(LIMITS.destinationLength, `the destination is at most ${LIMITS.destinationLength} characters`),
  seed: z.number().int('the seed is a whole number').min(0).max(0xffffffff, 'the seed fits in 32 bits').optional(),
  whatIf: z.array(whatIfSchema).max(LIMITS.whatIfs, `a run takes at most ${LIMITS.whatIfs} what-ifs`).optional(),
  knobs: z.object({ secondMux: z.boolean().optional(), secondDip: z.boolean().optional(), icmpRedirects: z.boolean().optional() }).optional(),
  flowAt: z
    .array(z.number({ message: 'a flow start time is a number of microseconds' }).finite().min(0, 'a flow start time is 0 or more').max(LIMITS.latestFlowStart, LATEST_START))
    .max(8, 'a run makes at most 8 attempts of the flow')
    .optional(),
  mtu: z
    .array(
      z.object({
        network: z.string().min(1).max(LIMITS.nameLength, `an MTU what-if names a network id of at most ${LIMITS.nameLength} characters`),
        mtu: z.number({ message: 'an MTU is a number of bytes' }).int('an MTU is a whole number of bytes').min(MIN_MTU, `an MTU is at least ${MIN_MTU} bytes (RFC 791)`).max(MAX_MTU, `an MTU is at most ${MAX_MTU} bytes`),
      }),
    )
    .max(LIMITS.mtuWhatIfs, `a run takes at most ${LIMITS.mtuWhatIfs} MTU what-ifs`)
    .optional(),
});

/** The request, or the first thing wrong with it, as a typed error. */
export function checkRequest(request: unknown): Result<RunRequest, EngineError> {
  const parsed = requestSchema.safeParse(request);
  if (parsed.success) return { ok: true, value: request as RunRequest };
  const issue = parsed.error.issues[0]!;
  const path = formatPath(issue.path);
  const code = path.startsWith('whatIf') ? 'bad-what-if' : path.startsWith('mtu') ? 'bad-mtu' : path.startsWith('flowAt') ? 'bad-flow-at' : path === 'to' ? 'bad-destination' : path === 'from' ? 'unknown-node' : 'bad-request';
  return { ok: false, error: engineError(code, `${path || 'request'}: ${issue.message}`, path) };
}
