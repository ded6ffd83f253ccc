import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './main';
import { checkThreadCount } from './checkThreads';
import { captureOutput, domainWith, network, tempTree } from '../testing';

/*
 * LIBVIRT_XML_CHECK_THREADS: worker threads check the files and the main thread prints their
 * answers. What a user sees must be byte for byte what the main thread alone prints.
 */

const interfaceOn = (networkName: string, group?: string) =>
  `<interface type='network'>\n      <source network='${networkName}'${group ? ` portgroup='${group}'` : ''}/>\n    </interface>`;
const domainNamed = (name: string, ...interfaces: string[]) => domainWith(...interfaces).replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`);

/** A workspace whose first domain is large (its worker is busy long after the others have answered). */
function mixedWorkspace(): Record<string, string> {
  const files: Record<string, string> = {
    'nets/lan.xml': network('lan', `  <forward mode='nat'/><ip address='192.168.122.1' prefix='24'/>\n  <portgroup name='office'/>`),
    'nets/lan-copy.xml': network('lan', `  <bridge name='virbr9'/>`),
    'nets/bad.xml': `<network><name>bad</name><portgroup name='a'/><portgroup name='a'/></network>`,
    'a-big.xml': domainNamed('big', ...Array.from({ length: 600 }, (_, i) => interfaceOn(i % 7 === 0 ? 'nowhere' : 'lan', i % 5 === 0 ? 'offce' : undefined))),
    'pom.xml': '<project><modelVersion>4.0.0</modelVersion></project>',
    'broken.xml': '<domain><name>x</name>',
  };
  for (let i = 0; i < 60; i++)
    files[`vms/d${String(i).padStart(3, '0')}.xml`] = domainNamed(
      `vm${i}`,
      interfaceOn(i % 3 === 0 ? `missing${i}` : 'lan', i % 4 === 0 ? 'office' : undefined),
    );
  return files;
}

async function check(dir: string, format: string, threads: string | undefined) {
  const before = process.env.LIBVIRT_XML_CHECK_THREADS;
  if (threads === undefined) delete process.env.LIBVIRT_XML_CHECK_THREADS;
  else process.env.LIBVIRT_XML_CHECK_THREADS = threads;
  try {
    const out = captureOutput();
    const status = await runCli(['check', dir, '--no-host-networks', '--format', format], out);
    return { status, out: out.out, err: out.err };
  } finally {
    if (before === undefined) delete process.env.LIBVIRT_XML_CHECK_THREADS;
    else process.env.LIBVIRT_XML_CHECK_THREADS = before;
  }
}

describe('cli: check in worker threads', () => {
  test('the output is byte for byte the main thread’s, in text, JSON and SARIF, with the same exit status', async () => {
    const { dir, cleanup } = tempTree(mixedWorkspace());
    try {
      for (const format of ['text', 'json', 'sarif']) {
        const alone = await check(dir, format, undefined);
        assert.equal(alone.status, 1);
        assert.ok(alone.out.split('\n').length > 100, `${format}: enough findings to be in an order`);
        for (const threads of ['2', '3']) assert.deepEqual(await check(dir, format, threads), alone, `${format} with ${threads} threads`);
      }
    } finally {
      cleanup();
    }
  });

  test('threads only when asked: LIBVIRT_XML_CHECK_THREADS, at most 16', () => {
    assert.equal(checkThreadCount({}), 1);
    assert.equal(checkThreadCount({ LIBVIRT_XML_CHECK_THREADS: '0' }), 1);
    assert.equal(checkThreadCount({ LIBVIRT_XML_CHECK_THREADS: 'two' }), 1);
    assert.equal(checkThreadCount({ LIBVIRT_XML_CHECK_THREADS: '2' }), 2);
    assert.equal(checkThreadCount({ LIBVIRT_XML_CHECK_THREADS: '64' }), 16);
  });
});
