/**
 * Entry point of the extension-host suite (`extensionTestsPath` = out/test/integration/index.js).
 * The files run in this order in one workbench: activation first, because it checks what happens
 * before the extension is active.
 */
import { runMochaFiles } from './mochaRunner';

export function run(): Promise<void> {
  return runMochaFiles([
    'suite/activation.test.js',
    'suite/completion.test.js',
    'suite/navigation.test.js',
    'suite/diagnostics.test.js',
    'suite/hover.test.js',
    'suite/statusPanel.test.js',
    // Adds files to the workspace (a domain and folders of a pool, a volume and a filter).
    'suite/newFolder.test.js',
    // Last: they set libvirtXml.connections (and restore it).
    'suite/libvirtConnection.test.js',
    'suite/libvirtEvents.test.js',
    'suite/libvirtView.test.js',
    'suite/libvirtStorageView.test.js',
  ]);
}
