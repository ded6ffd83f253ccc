/**
 * Second entry point, run in a fresh workbench: activation by a *network* file (the main suite's
 * first libvirt file is a domain, and an extension activates only once per window).
 */
import { runMochaFiles } from './mochaRunner';

export function run(): Promise<void> {
  return runMochaFiles(['suite/activationByNetwork.test.js']);
}
