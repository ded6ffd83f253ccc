// `postinstall`: in a fresh clone of the repository, `npm install` also builds dist/, which is not
// committed. The pre-commit framework installs the hook that way (npm install, npm pack, then the
// packed CLI), and its `npm pack` step must print nothing but the tarball's name, so the build
// cannot be a prepack or prepare script. Where dist/cli.js exists (a developer's checkout, which
// `npm test` rebuilds anyway) or there are no sources (the installed package), it does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const inSourceCheckout = existsSync('tsconfig.json') && existsSync('node_modules/typescript');
if (inSourceCheckout && !existsSync('dist/cli.js')) {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const build = spawnSync(npm[0], [...npm.slice(1), 'run', 'build', '--silent'], { stdio: 'inherit' });
  process.exitCode = build.status ?? 1;
}
