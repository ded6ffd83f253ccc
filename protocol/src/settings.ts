/*
 * The extension's settings as both sides name them: package.json declares them under
 * `contributes.configuration`, the client reads and forwards them, the server reads them
 * through workspace/configuration. Renaming one is a breaking change.
 */

/** The settings section (`libvirtXml.*`). */
export const settingsSection = 'libvirtXml';

/** `libvirtXml.networkPaths`: extra folders of network XML files. */
export const networkPathsSetting = 'networkPaths';

/** `libvirtXml.schemaPath`: a folder of libvirt's RelaxNG schemas. */
export const schemaPathSetting = 'schemaPath';

/**
 * `libvirtXml.connections`: libvirt URIs whose networks (and domains) feed the index. Unset:
 * `qemu:///system` and `qemu:///session` when `virsh` is installed; `[]`: none.
 */
export const connectionsSetting = 'connections';
