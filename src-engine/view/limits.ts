// The engine's maxima and its check of text from outside, for the page to apply the same rules where
// text enters (a link, a form): one definition each, kept beside the engine code that enforces them.
export { DEFAULT_MTU, LIMITS, MAX_MTU, MIN_MTU } from '../limits';
export { neutralizeBidi, unsafeCharacter } from '../net/text';
