// The floor for cold indexing: list, read and parse every .xml file of a folder with
// fast-xml-parser alone, in a bare node process. Prints JSON: {files, bytes, ms} (ms measured
// inside the process, from before the import of fast-xml-parser to the last file parsed).
const started = performance.now();
const { XMLParser } = await import('fast-xml-parser');
const { readdirSync, readFileSync } = await import('node:fs');
const path = await import('node:path');

const root = process.argv[2];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', allowBooleanAttributes: true });
let files = 0;
let bytes = 0;
let elements = 0;
const visit = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) visit(full);
    else if (entry.name.endsWith('.xml')) {
      const text = readFileSync(full, 'utf8');
      const tree = parser.parse(text);
      elements += tree ? 1 : 0;
      files++;
      bytes += text.length;
    }
  }
};
visit(root);
process.stdout.write(JSON.stringify({ files, bytes, parsed: elements, ms: performance.now() - started }));
