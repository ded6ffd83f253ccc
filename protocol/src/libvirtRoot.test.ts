import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffLibvirtRoot, sniffRootElementName } from './libvirtRoot';

describe('sniffLibvirtRoot', () => {
  it('finds the root past a BOM, the declaration, comments and a DOCTYPE', () => {
    const text = `\uFEFF<?xml version="1.0"?>\n<!--\nWARNING: THIS IS AN AUTO-GENERATED FILE. <domain> -->\n<!DOCTYPE x [ <!ENTITY a "b"> ]>\n<domain type='kvm'>`;
    assert.equal(sniffLibvirtRoot(text), 'domain');
    assert.equal(sniffLibvirtRoot('<network>\n<name>default</name>'), 'network');
    assert.equal(sniffLibvirtRoot('  <networkport>'), 'networkport');
  });

  it('answers undefined for other XML, text, and unfinished prologs', () => {
    assert.equal(sniffLibvirtRoot('<project/>'), undefined);
    assert.equal(sniffRootElementName('<project/>'), 'project');
    assert.equal(sniffLibvirtRoot('hello <domain>'), undefined);
    assert.equal(sniffLibvirtRoot('<!-- <domain> never closed'), undefined);
    assert.equal(sniffLibvirtRoot(''), undefined);
    assert.equal(sniffLibvirtRoot('<domainx>'), undefined);
  });

  it('reads only the start of a large text', () => {
    assert.equal(sniffLibvirtRoot(`<!--${' '.repeat(200_000)}--><domain>`), undefined);
  });
});
