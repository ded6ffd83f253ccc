/**
 * The Libvirt view's ids as package.json declares them: the view container, the view and its
 * commands. Part of the extension's interface (keybindings, the workbench tests): renaming one
 * is a breaking change.
 */

export const libvirtViewId = 'libvirtXml.libvirtView';

export const libvirtViewCommands = {
  refresh: 'libvirtXml.libvirtView.refresh',
  openXml: 'libvirtXml.libvirtView.openXml',
  openXmlWithSecurityInfo: 'libvirtXml.libvirtView.openXmlWithSecurityInfo',
  showStatus: 'libvirtXml.libvirtView.showStatus',
  compareWithLive: 'libvirtXml.libvirtView.compareWithLive',
  copyName: 'libvirtXml.libvirtView.copyName',
} as const;
