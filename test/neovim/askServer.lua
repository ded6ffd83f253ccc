-- Run by neovim.test.ts inside headless Neovim, after editors/neovim/libvirt-xml.lua has started
-- the server for the opened domain: waits for the diagnostics the test expects, asks for
-- completion where the test says, writes both as JSON and quits. Neovim's exit status says
-- whether the answers came in time; the test judges their content.

local out_file = os.getenv('NVIM_TEST_OUT')
local expected_code = os.getenv('NVIM_TEST_DIAGNOSTIC_CODE')
local line = tonumber(os.getenv('NVIM_TEST_COMPLETION_LINE'))
local character = tonumber(os.getenv('NVIM_TEST_COMPLETION_CHARACTER'))
local timeout_ms = 20000

local function write_and_quit(result, status)
  local file = assert(io.open(out_file, 'w'))
  file:write(vim.json.encode(result))
  file:close()
  vim.cmd(status == 0 and 'qall!' or ('cquit ' .. status))
end

local buffer = vim.api.nvim_get_current_buf()
local function has_expected_diagnostic()
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
    if (lsp.code or diagnostic.code) == expected_code then
      return true
    end
  end
  return false
end

local result = { clients = {}, diagnostics = {} }
local arrived = vim.wait(timeout_ms, has_expected_diagnostic, 50)
result.diagnostics = vim.diagnostic.get(buffer)
for _, client in pairs(vim.lsp.buf_get_clients(buffer)) do
  table.insert(result.clients, { name = client.name, root = client.config.root_dir })
end
if not arrived then
  result.error = 'no ' .. expected_code .. ' diagnostic within ' .. timeout_ms .. ' ms'
  write_and_quit(result, 3)
  return
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  position = { line = line, character = character },
}
local responses, request_error = vim.lsp.buf_request_sync(buffer, 'textDocument/completion', params, timeout_ms)
if not responses then
  result.error = 'completion: ' .. tostring(request_error)
  write_and_quit(result, 4)
  return
end
result.completion = {}
for _, response in pairs(responses) do
  table.insert(result.completion, response.result or { error = response.err })
end
write_and_quit(result, 0)
