import { spawnSync } from 'node:child_process';

/** Neovim to run, or why the test cannot. */
export type NeovimAvailability = { readonly nvim: string; readonly version: string } | { readonly skip: string };

/** The oldest Neovim the config supports: nvim_create_autocmd came in 0.7. */
const oldestMinor = 7;

/**
 * Debian's neovim, installed as .ci/run installs packages: with apt-get when running as root and
 * it is missing. Anything else that stands in the way is a reason to skip, said plainly.
 */
export function findOrInstallNeovim(): NeovimAvailability {
  let version = nvimVersion();
  if (version === undefined) {
    const refusal = installWithApt();
    if (refusal) return { skip: refusal };
    version = nvimVersion();
    if (version === undefined) return { skip: 'neovim was installed but `nvim --version` does not answer' };
  }
  const minor = /^NVIM v0\.(\d+)/.exec(version)?.[1];
  if (minor !== undefined && Number(minor) < oldestMinor) return { skip: `${version} is older than Neovim 0.${oldestMinor}, which the config needs` };
  return { nvim: 'nvim', version };
}

/** `NVIM v0.7.2`, or undefined when there is no nvim on PATH. */
function nvimVersion(): string | undefined {
  const run = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (run.error || run.status !== 0) return undefined;
  return run.stdout.split('\n')[0]?.trim();
}

/** Undefined when apt-get installed neovim; otherwise why it did not. */
function installWithApt(): string | undefined {
  if (process.getuid?.() !== 0) return 'neovim is not installed, and only root may install it here (apt-get install neovim)';
  if (spawnSync('apt-get', ['--version']).error) return 'neovim is not installed, and there is no apt-get to install it with';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { encoding: 'utf8', env, timeout: 300_000 });
  const install =
    update.status === 0
      ? spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'neovim'], { encoding: 'utf8', env, timeout: 300_000 })
      : update;
  if (install.status === 0) return undefined;
  const said = `${install.stderr ?? ''}`.trim().split('\n').pop() ?? '';
  return `neovim is not installed and apt-get could not install it${said ? `: ${said}` : ''}`;
}
