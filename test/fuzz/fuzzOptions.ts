/** The fuzzer's command line: `--seconds N`, `--seed N`, `--replay FILE`. */
export interface FuzzOptions {
  readonly seconds: number;
  readonly seed: number;
  readonly replay: string | undefined;
}

const usage = 'usage: npm run fuzz -- [--seconds N] [--seed N] [--replay FILE]';

export function parseFuzzOptions(args: readonly string[]): FuzzOptions {
  let seconds = 60;
  let seed = Date.now() % 2 ** 31;
  let replay: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--seconds' && value !== undefined && Number(value) > 0) seconds = Number(value);
    else if (args[i] === '--seed' && value !== undefined && /^\d+$/.test(value)) seed = Number(value) % 2 ** 32;
    else if (args[i] === '--replay' && value !== undefined) replay = value;
    else throw new Error(`${args[i]}${value === undefined ? '' : ` ${value}`}: not understood\n${usage}`);
    i++;
  }
  return { seconds, seed, replay };
}
