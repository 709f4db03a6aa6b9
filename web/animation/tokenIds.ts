// Which of a step's frames are drawn (and their receivers highlighted): all of them, or for a big flood
// the traced flow's and an even sample of the rest. Hundreds of tokens and lit nodes would say no more
// than "flooded to every port" (which the token layer writes), and would cost a frame each.

export const MAX_TOKENS = 24;

export function tokenIds(txIds: readonly number[], inFlow: (id: number) => boolean, max = MAX_TOKENS): number[] {
  if (txIds.length <= max) return [...txIds];
  const flow = txIds.filter(inFlow).slice(0, max);
  const rest = txIds.filter((id) => !inFlow(id));
  const room = max - flow.length;
  const sample = Array.from({ length: room }, (_, i) => rest[Math.floor((i * rest.length) / room)]!);
  return [...flow, ...sample];
}
