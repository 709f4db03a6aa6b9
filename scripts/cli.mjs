// Argument parsing for the project's scripts: node's parseArgs, plus `--help` and a one-line message (no stack
// trace) for an option the script does not know or a value it is missing.
import { parseArgs } from 'node:util';

/**
 * @param {string} name the script's name, as messages print it
 * @param {string} usage one or more lines: how to call the script
 * @param {import('node:util').ParseArgsConfig['options']} options
 */
export function parseScriptArgs(name, usage, options) {
  if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs({ options }).values;
  } catch (err) {
    const what = err instanceof Error ? err.message.split('\n')[0] : String(err);
    console.error(`${name}: ${what}\n${usage}`);
    process.exit(2);
  }
}
