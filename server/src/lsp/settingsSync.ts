import { DidChangeConfigurationNotification, type DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { settingsSection } from '../../../protocol/src/settings';
import type { SchemaDiagnostics } from './schemaDiagnostics';
import type { ServerContext } from './serverContext';
import { readConnections, readNetworkPaths, readSchemaPath } from './serverSettings';

/** What a settings change asks the server to do again. */
export interface SettingsReactions {
  /** The schema folder changed: validate the open documents again. */
  revalidateSchemas(): void;
  /** The network folders changed: crawl again. */
  reindex(): Promise<void>;
  /** The libvirt connections changed (undefined: the defaults): read them. */
  reconnect(connections: readonly string[] | undefined): Promise<void>;
}

/**
 * The `libvirtXml` settings: first from the initialize options, then pulled through
 * workspace/configuration when the client offers it, and followed as they change.
 */
export class SettingsSync {
  private configuredNetworkPaths: string[] | undefined;
  private configuredSchemaPath: string | undefined;
  private configuredConnections: string[] | undefined;

  constructor(
    private readonly context: ServerContext,
    private readonly schema: SchemaDiagnostics,
    private readonly reactions: SettingsReactions,
  ) {}

  get networkPaths(): readonly string[] | undefined {
    return this.configuredNetworkPaths;
  }

  /** The settings the client passed in the initialize request. */
  initialize(initializationOptions: unknown): void {
    this.configuredNetworkPaths = readNetworkPaths(initializationOptions);
    this.configuredSchemaPath = readSchemaPath(initializationOptions);
    this.configuredConnections = readConnections(initializationOptions);
  }

  get connections(): readonly string[] | undefined {
    return this.configuredConnections;
  }

  /** Asks to be told of changes (when the client registers dynamically). */
  async registerForChanges(): Promise<void> {
    if (!this.context.client.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) return;
    await this.context.connection.client
      .register(DidChangeConfigurationNotification.type, { section: settingsSection })
      .catch((error: unknown) => this.context.guard.logError('registering for configuration changes', error));
  }

  /** Once initialized: the settings as the client has them now, over those of initialize. */
  async load(): Promise<void> {
    const settings = await this.fetch();
    this.configuredNetworkPaths = readNetworkPaths(settings) ?? this.configuredNetworkPaths;
    this.configuredConnections = settings === undefined ? this.configuredConnections : readConnections(settings);
    await this.schema.configure(readSchemaPath(settings) ?? this.configuredSchemaPath);
  }

  async changed(change: DidChangeConfigurationParams): Promise<void> {
    const pushedSection = (change.settings as Record<string, unknown> | null | undefined)?.[settingsSection];
    const section = pushedSection ?? (await this.fetch());
    const schemaPath = readSchemaPath(section);
    if (schemaPath !== this.configuredSchemaPath) {
      this.configuredSchemaPath = schemaPath;
      // Not awaited: the network paths below must be compared before any other change comes in.
      this.context.guard.runAsync('schema folder changed', async () => {
        await this.schema.configure(schemaPath);
        this.reactions.revalidateSchemas();
      });
    }
    const connections = readConnections(section);
    if (section !== undefined && JSON.stringify(connections) !== JSON.stringify(this.configuredConnections)) {
      this.configuredConnections = connections;
      this.context.guard.runAsync('libvirt connections changed', () => this.reactions.reconnect(connections));
    }
    const paths = readNetworkPaths(section);
    if (paths === undefined || JSON.stringify(paths) === JSON.stringify(this.configuredNetworkPaths)) return;
    this.configuredNetworkPaths = paths;
    await this.reactions.reindex();
  }

  /** The `libvirtXml` settings through workspace/configuration, when the client offers it. */
  private async fetch(): Promise<unknown> {
    if (!this.context.client.capabilities.workspace?.configuration) return undefined;
    try {
      return (await this.context.connection.workspace.getConfiguration(settingsSection)) as unknown;
    } catch (error) {
      this.context.guard.logError('reading the configuration', error);
      return undefined; // index with what is known rather than not at all
    }
  }
}
