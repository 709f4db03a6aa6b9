// Reading back what persist.ts kept: it is untrusted, so it is checked with zod (its mini build), and a
// stored state that cannot be read is set aside (kept under another key, not deleted) and reported, never
// crashed on. Loaded with keptDb.ts, not with the first screen.
import '../zodJitless';
import * as z from 'zod/mini';
import { FILTER_KEYS, LIMITS, MAX_MTU, MIN_MTU } from '../../src-engine/view/index';
import { SPEEDS } from '../url/urlState';
import { CORRUPT_KEY, safeStorage, STORAGE_KEY } from './persist';

const bounded = (min: number, max: number) => z.number('a number').check(z.minimum(min, `at least ${min}`), z.maximum(max, `at most ${max}`));
const text = (max: number) => z.string('text').check(z.maxLength(max, `at most ${max} characters`));
const whatIf = z.object({ action: z.enum(['fail', 'restore'], 'fail or restore'), target: text(2 * LIMITS.nameLength + 1), at: bounded(0, LIMITS.whatIfTime) });
const request = z.object({
  from: text(LIMITS.nameLength),
  to: text(LIMITS.destinationLength),
  seed: z.optional(bounded(0, 0xffffffff).check(z.int('a whole number'))),
  whatIf: z.optional(z.array(whatIf, 'a list').check(z.maxLength(LIMITS.whatIfs, `at most ${LIMITS.whatIfs} what-ifs`))),
  knobs: z.optional(z.object({ secondMux: z.optional(z.boolean('true or false')), secondDip: z.optional(z.boolean('true or false')), icmpRedirects: z.optional(z.boolean('true or false')) })),
  mtu: z.optional(z.array(z.object({ network: text(LIMITS.nameLength), mtu: bounded(MIN_MTU, MAX_MTU).check(z.int('a whole number')) }), 'a list').check(z.maxLength(16, 'at most 16 MTU what-ifs'))),
});

const storedSchema = z.object({
  version: z.literal(1, 'version 1'),
  /** Absent: the POC. The document itself is validated again by the engine when it is loaded. */
  topology: z.optional(z.object({ doc: z.unknown(), source: text(LIMITS.labelLength) })),
  request: z.optional(request),
  view: z.object({
    step: z.optional(z.number('a number').check(z.int('a whole number'), z.minimum(0, 'at least 0'))),
    speed: z.number('a number').check(z.refine((n: number) => (SPEEDS as readonly number[]).includes(n), `one of ${SPEEDS.join(', ')}`)),
    motion: z.enum(['on', 'off'], 'on or off'),
    largeText: z.boolean('true or false'),
    hidden: z.array(z.enum(FILTER_KEYS, FILTER_KEYS.join(', ')), 'a list').check(z.maxLength(FILTER_KEYS.length, `at most ${FILTER_KEYS.length} filters`)),
  }),
});

export type StoredState = z.infer<typeof storedSchema>;

/** `where`: where the unreadable copy was set aside, in the user's words. */
export type ReadResult = { kind: 'none' } | { kind: 'ok'; state: StoredState } | { kind: 'corrupt'; reason: string; where: string };

/** A stored value, checked: the state, or why it cannot be read back (its first problem, with its path). */
export function checkStored(value: unknown): { kind: 'ok'; state: StoredState } | { kind: 'corrupt'; reason: string } {
  const parsed = storedSchema.safeParse(value);
  if (parsed.success) return { kind: 'ok', state: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { kind: 'corrupt', reason: `${issue.path.join('.') || 'the saved state'}: ${issue.message}` };
}

/** Where localStorage keeps a state it could not read, in the user's words. */
export const STORAGE_CORRUPT_WHERE = `this browser's local storage under "${CORRUPT_KEY}"`;

/** The state kept in localStorage (as earlier versions kept it), checked; a corrupt one is moved aside and its problem returned. */
export function readStored(storage: Storage | undefined = safeStorage()): ReadResult {
  if (!storage) return { kind: 'none' };
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  let reason: string;
  try {
    const checked = checkStored(JSON.parse(text));
    if (checked.kind === 'ok') return checked;
    reason = checked.reason;
  } catch (e) {
    reason = `it is not valid JSON (${(e as Error).message})`;
  }
  try {
    storage.setItem(CORRUPT_KEY, text);
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused the move: the state stays where it is and is reported again next time.
  }
  return { kind: 'corrupt', reason, where: STORAGE_CORRUPT_WHERE };
}
