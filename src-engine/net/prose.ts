// How the engine puts words together in its sentences. A list reads "A, B and C": no comma before "and", as
// the explanations have always been written. Intl.ListFormat's en-GB conjunction gives exactly that, the
// same under Node 20 and Chromium (in the page and in the worker); "en" would add a serial comma.
const AND = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/** "A, B and C"; "A and B"; "A"; "" for none. */
export function andList(items: Iterable<string>): string {
  return AND.format(items);
}
