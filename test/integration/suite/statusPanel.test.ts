/**
 * "Libvirt: Show Resolved Status": the command opens the panel, and what it renders (read through
 * the test API the extension returns in test mode) is the status XML libvirt would report; it
 * follows edits of the domain and of the network file.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { LibvirtXmlTestApi } from '../../../client/src/testApi';
import { replaceText, showFile, sleep, statusPanelTabs, testApi, waitFor, waitForPanel } from '../helpers';

/** What libvirt reports for the RFC interface (`libvirt-xml status` prints the same). */
const rfcInterfaceStatus = `<interface type='bridge'>
  <mac address='52:54:00:4a:1b:01'/>
  <source network='mynet' portgroup='xyzzy' portid='…' bridge='br0'/>
  <bandwidth>
    <inbound average='1000' peak='5000' floor='200' burst='1024'/>
    <outbound average='128' peak='256' burst='256'/>
  </bandwidth>
  <tag name='twisty'/>
  <tag name='wumpus'/>
  <tag name='xyzzytag'/>
  <target dev='…'/>
  <model type='virtio'/>
  <alias name='…'/>
</interface>`;

const trimmed = (xml: string) => xml.replace(/\s+$/, '');

suite('status panel', () => {
  let api: LibvirtXmlTestApi;
  suiteSetup(async () => {
    api = await testApi();
  });

  test('libvirtXml.showStatus opens the panel beside the domain with its status XML', async () => {
    const editor = await showFile('domains/rfc-guest.xml');
    await vscode.commands.executeCommand('libvirtXml.showStatus');
    const model = await waitForPanel(api, 'rfc-guest.xml ready', (m) => m.phase === 'ready' && m.documentUri.endsWith('/domains/rfc-guest.xml'));
    assert.equal(model.domainName, 'rfc-guest');
    assert.equal(model.interfaces.length, 2);
    const [rfc, second] = model.interfaces;
    assert.equal(trimmed(rfc.statusXml), rfcInterfaceStatus);
    assert.equal(rfc.portgroup, 'xyzzy');
    assert.equal(rfc.portgroupHow, 'named');
    assert.deepEqual([second.network, second.portgroup, second.portgroupHow], ['default', 'standard', 'default']);
    assert.match(second.statusXml, /<inbound average='12500' peak='25000' burst='1024'\/>/);

    const html = api.getStatusPanelHtml() ?? '';
    assert.match(html, /Content-Security-Policy/);
    assert.ok(html.includes('52:54:00:4a:1b:01') && html.includes('xyzzytag'), 'the page shows the interface');
    assert.ok(!html.includes("<interface type='bridge'>"), 'status XML is rendered as escaped text, not markup');

    await waitFor(
      'the panel tab',
      () => statusPanelTabs(),
      (tabs) => tabs.length === 1,
      10_000,
    );
    const [tab] = statusPanelTabs();
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the panel opens beside the editor');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the editor keeps the focus');
  });

  test('updates after an edit of the domain', async () => {
    const restore = await replaceText('domains/rfc-guest.xml', "<tag name='twisty'/>", "<tag name='twisty-renamed'/>");
    try {
      const model = await waitForPanel(
        api,
        'the renamed tag',
        (m) => m.phase === 'ready' && m.interfaces[0]?.statusXml.includes("<tag name='twisty-renamed'/>"),
      );
      assert.ok(!model.interfaces[0].statusXml.includes("<tag name='twisty'/>"));
      assert.ok((api.getStatusPanelHtml() ?? '').includes('twisty-renamed'), 'the page was rendered again');
    } finally {
      await restore();
    }
    await waitForPanel(api, 'the original status again', (m) => m.phase === 'ready' && trimmed(m.interfaces[0]?.statusXml ?? '') === rfcInterfaceStatus);
  });

  test('updates after an unsaved edit of the network file it uses', async () => {
    const restore = await replaceText('networks/mynet.xml', "<outbound average='128'", "<outbound average='4096'");
    try {
      const model = await waitForPanel(
        api,
        'the new outbound average',
        (m) => m.phase === 'ready' && m.interfaces[0]?.statusXml.includes("<outbound average='4096' peak='256' burst='256'/>"),
      );
      assert.ok(model.documentUri.endsWith('/domains/rfc-guest.xml'), 'the panel still shows the domain');
    } finally {
      await restore();
    }
    await waitForPanel(api, 'the original status again', (m) => m.phase === 'ready' && trimmed(m.interfaces[0]?.statusXml ?? '') === rfcInterfaceStatus);
  });

  test('follows the active editor to another domain', async () => {
    await showFile('domains/web01.xml');
    const model = await waitForPanel(api, 'web01.xml', (m) => m.phase === 'ready' && m.documentUri.endsWith('/domains/web01.xml'));
    assert.equal(model.interfaces.length, 3);
    assert.deepEqual(
      model.interfaces.map((i) => [i.network, i.portgroup, i.portgroupHow]),
      [
        ['default', 'premium', 'named'],
        ['ovs-trunk', 'ofice', 'unknown'],
        ['ovs-trunk', 'lab', 'named'],
      ],
    );
    assert.match(model.interfaces[2].statusXml, /<tag id='100' nativeMode='untagged'\/>/);
    // A network file is not a domain: the panel keeps showing the last domain.
    await showFile('networks/mynet.xml');
    await sleep(1000);
    assert.ok(api.getStatusPanelModel()?.documentUri.endsWith('/domains/web01.xml'));
  });
});
