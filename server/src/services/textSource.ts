/**
 * The current text of a file, for the few features that need more of a file than the index
 * keeps of it (the create-portgroup quick fix writes in the network file's indentation and
 * quotes). The edge supplies it: an open document's text, or the file read from disk (and, when
 * that text is not the one indexed, the index refreshed). Undefined when the file cannot be read.
 */
export interface TextSource {
  read(uri: string): Promise<string | undefined>;
}

/** A source that knows no text: features that need one offer nothing for files that are not open. */
export const noTexts: TextSource = { read: () => Promise.resolve(undefined) };
