import { spawnSync } from 'node:child_process';

/** A program a test runs, or why the test cannot. */
export type ProgramAvailability = { readonly version: string } | { readonly skip: string };

/** A program that Debian packages, by the command a test runs. */
export interface DebianProgram {
  readonly command: string;
  /** The Debian package that installs it. */
  readonly debianPackage: string;
}

/**
 * The program, installed as .ci/run installs packages: with apt-get when running as root and it
 * is missing. Anything else that stands in the way is a reason to skip, said plainly.
 */
export function findOrInstall(program: DebianProgram): ProgramAvailability {
  const found = versionOf(program.command);
  if (found !== undefined) return { version: found };
  const refusal = installWithApt(program);
  if (refusal) return { skip: refusal };
  const installed = versionOf(program.command);
  return installed === undefined
    ? { skip: `${program.debianPackage} was installed but \`${program.command} --version\` does not answer` }
    : { version: installed };
}

/** The first line of `COMMAND --version`, or undefined when there is no such command. */
function versionOf(command: string): string | undefined {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  return run.stdout.split('\n')[0]?.trim();
}

/** Undefined when apt-get installed the package; otherwise why it did not. */
function installWithApt({ command, debianPackage }: DebianProgram): string | undefined {
  const missing = `${command} is not installed`;
  if (process.getuid?.() !== 0) return `${missing}, and only root may install it here (apt-get install ${debianPackage})`;
  if (spawnSync('apt-get', ['--version']).error) return `${missing}, and there is no apt-get to install it with`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args: string[]) => spawnSync('apt-get', args, { encoding: 'utf8', env, timeout: 300_000 });
  const update = apt('update', '-qq');
  const install = update.status === 0 ? apt('install', '-y', '-qq', '--no-install-recommends', debianPackage) : update;
  if (install.status === 0) return undefined;
  const said = `${install.stderr ?? ''}`.trim().split('\n').pop() ?? '';
  return `${missing} and apt-get could not install ${debianPackage}${said ? `: ${said}` : ''}`;
}
