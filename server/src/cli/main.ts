import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runAudit } from './auditCommand';
import { runCheck } from './checkCommand';
import { cliConnectionSettings } from './hostConnections';
import { runHostStatus } from './hostStatusCommand';
import { processOutput, type CommandOutput } from './commandOutput';
import { runStatus } from './statusCommand';
import { UsageError } from './usageError';
import { escapeControlCharacters } from './terminalText';
import { exitQuietlyWhenReaderGoesAway } from './brokenPipe';
import { findSchemaFolder } from '../host/schema/schemaLocation';
import { toolVersion } from './toolVersion';
import type * as LanguageServerCommand from './languageServerCommand';

const usage = `usage:
  libvirt-xml check [PATH...] [--format text|json|sarif] [CONNECTIONS] [--schema [--schema-path DIR]]
      Check libvirt domain and network XML under PATH (files or folders, default .).
      Prints FILE:LINE:COL: severity: MESSAGE [CODE] per finding and a summary; sarif
      writes a SARIF 2.1.0 log for code-scanning services instead.
      --schema also validates each file against libvirt's RelaxNG schemas (those libvirt
      installs in /usr/share/libvirt/schemas, or DIR), as virt-xml-validate does.
      Exit 0: no error; 1: at least one error; 2: bad usage, or a named PATH not checked.
  libvirt-xml check --connect URI [--connect URI...] [--format text|json|sarif]
      With no PATH: audit every domain defined on each host against that host's networks,
      as if it were started now. Findings name the domain (lines of virsh dumpxml --inactive).
      Exit 0: no error; 1: at least one error; 2: a connection could not be read.
  libvirt-xml status DOMAIN.xml [PATH...] [--format text|json] [CONNECTIONS]
      Print the <interface> XML libvirt will report for each interface of the running domain,
      resolving networks from PATH (default: the domain file's folder).
  libvirt-xml status --connect URI [--verify] DOMAIN_NAME [--format text|json]
      The same for a domain defined on a host, with that host's networks. --verify compares
      the prediction with the running domain (virsh dumpxml), field by field, and prints the
      differences (run-time values aside). Exit 0: as predicted; 1: a difference; 2: not run.
  libvirt-xml lsp --stdio
      Run the language server (for Neovim, Emacs, Helix, Kate and other LSP editors).
  libvirt-xml --version

  CONNECTIONS: networks are also read from libvirt (virsh -r), by default from qemu:///system
  and qemu:///session when virsh is installed.
  --connect URI       read this libvirt connection (repeatable) instead of the defaults
  --no-connect        read no libvirt connection
  --no-host-networks  read none of the host's networks: no connection, and not
                      /etc/libvirt/qemu/networks or ~/.config/libvirt/qemu/networks
`;

/** Runs one command line; returns the exit status. */
export async function runCli(argv: readonly string[], out: CommandOutput = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      out.stdout(usage);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-V') {
      out.stdout(`${toolVersion() ?? 'unknown'}\n`);
      return 0;
    }
    if (command === 'lsp') {
      // Required here, not imported above: only this command loads the language server (see languageServerCommand.ts).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('./languageServerCommand') as typeof LanguageServerCommand).startLanguageServer();
      return -1;
    }
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'no-host-networks': { type: 'boolean', default: false },
        connect: { type: 'string', multiple: true, default: [] },
        'no-connect': { type: 'boolean', default: false },
        verify: { type: 'boolean', default: false },
        schema: { type: 'boolean', default: false },
        'schema-path': { type: 'string' },
      },
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    const hostNetworks = !values['no-host-networks'];
    const connect = values.connect;
    if (connect.length > 0 && values['no-connect']) throw new UsageError('--connect and --no-connect exclude each other');
    const connections = cliConnectionSettings({ connect, noConnect: values['no-connect'], hostNetworks });
    if (command === 'check') {
      if (values.verify) throw new UsageError('--verify belongs to status --connect URI DOMAIN_NAME');
      if (positionals.length === 0 && connect.length > 0) return await runAudit({ connections, format }, out);
      const schemaFolder = values.schema || values['schema-path'] !== undefined ? await schemaFolderOrFail(values['schema-path']) : undefined;
      return await runCheck({ paths: positionals.length > 0 ? positionals : ['.'], format, hostNetworks, schemaFolder, connections }, out);
    }
    if (command === 'status') {
      if (format === 'sarif') throw new UsageError('--format sarif is for check; status takes text or json');
      const [domainFile, ...networkPaths] = positionals;
      if (!domainFile) throw new UsageError(connect.length > 0 ? 'status --connect needs a domain name' : 'status needs a domain file');
      if (connect.length > 0 && networkPaths.length === 0 && !existsSync(domainFile)) {
        if (connect.length > 1) throw new UsageError('status of a domain on a host takes one --connect');
        return await runHostStatus({ connection: connections[0], domainName: domainFile, format, verify: values.verify }, out);
      }
      if (values.verify) throw new UsageError('--verify compares a domain running on a host: status --connect URI --verify DOMAIN_NAME');
      return await runStatus({ domainFile, networkPaths, format, hostNetworks, connections }, out);
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    out.stderr(`libvirt-xml: ${escapeControlCharacters(message)}\n`);
    if (error instanceof UsageError || isArgumentError(error)) out.stderr(usage);
    return 2;
  }
}

/** Asked for schema validation without schemas: unreadable input (exit 2), said plainly. */
async function schemaFolderOrFail(configured: string | undefined): Promise<string> {
  const found = await findSchemaFolder(configured);
  if (found.folder) return found.folder;
  throw new Error(configured ? `--schema-path ${configured} holds no libvirt schemas (no domain.rng)` : found.reason);
}

function isArgumentError(error: unknown): boolean {
  return error instanceof TypeError && /ERR_PARSE_ARGS/.test((error as NodeJS.ErrnoException).code ?? '');
}

if (require.main === module) {
  // The language server's stdio is its transport, which handles its own end; the commands exit quietly.
  if (process.argv[2] !== 'lsp') {
    for (const stream of [process.stdout, process.stderr]) exitQuietlyWhenReaderGoesAway(stream, (status) => process.exit(status));
  }
  runCli(process.argv.slice(2)).then((status) => {
    if (status >= 0) process.exitCode = status;
  });
}
