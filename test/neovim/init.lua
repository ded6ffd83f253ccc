-- The Neovim test's init file: the settings a user would set, pointed at the test's fixture so
-- that nothing of the host counts (no libvirt connection; the fixture's network folder instead of
-- the host's libvirt folders), then the very config README shows.
vim.g.libvirt_xml_settings = {
  connections = {},
  networkPaths = { os.getenv('NVIM_TEST_NETWORK_FOLDER') },
}
dofile(os.getenv('NVIM_TEST_CONFIG'))
