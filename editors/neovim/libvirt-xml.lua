-- libvirt-xml's language server in Neovim 0.7 or newer: diagnostics, completion, hover, go to
-- definition, references and rename in libvirt domain and network XML.
-- Copy this file to ~/.config/nvim/plugin/ (or paste it into init.lua). It runs `libvirt-xml`
-- from PATH. Settings are the VS Code extension's `libvirtXml.*`; to change them, set
-- vim.g.libvirt_xml_settings before this file runs, for example
--   vim.g.libvirt_xml_settings = { connections = { 'qemu:///system' }, networkPaths = { '~/nets' } }

local settings = vim.g.libvirt_xml_settings or vim.empty_dict()

-- The workspace the server indexes: the enclosing git repository, else the file's folder.
local function project_root(file)
  local folder = vim.fn.fnamemodify(file, ':p:h')
  local git = vim.fn.finddir('.git', folder .. ';')
  if git == '' then
    git = vim.fn.findfile('.git', folder .. ';') -- a worktree's .git is a file
  end
  if git == '' then
    return folder
  end
  local git_path = vim.fn.fnamemodify(git, ':p'):gsub('/$', '')
  return vim.fn.fnamemodify(git_path, ':h')
end

local function server_config(root)
  return {
    name = 'libvirt-xml',
    cmd = { 'libvirt-xml', 'lsp', '--stdio' },
    root_dir = root,
    init_options = settings,
    settings = { libvirtXml = settings }, -- answers the server's workspace/configuration
  }
end

-- Neovim 0.7 has no vim.lsp.start: one client per root, started and attached here.
local started = {}
local function attach_0_7(buffer, root)
  local id = started[root]
  if not (id and vim.lsp.get_client_by_id(id)) then
    id = vim.lsp.start_client(server_config(root))
    started[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buffer, id)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'xml',
  desc = 'libvirt-xml language server',
  callback = function(event)
    -- The server answers for libvirt's <domain>, <network> and <networkport> and ignores other XML.
    local root = project_root(vim.api.nvim_buf_get_name(event.buf))
    if vim.lsp.start then
      vim.lsp.start(server_config(root), { bufnr = event.buf })
    else
      attach_0_7(event.buf, root)
    end
  end,
})
