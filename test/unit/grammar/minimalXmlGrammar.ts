/**
 * A small XML grammar with VS Code's scope names (scopeName text.xml), enough to host the
 * injection in tests when VS Code's own XML grammar is not on the machine.
 */
export const minimalXmlGrammar = {
  scopeName: 'text.xml',
  patterns: [
    { begin: '<!--', end: '-->', name: 'comment.block.xml' },
    { begin: '<!\\[CDATA\\[', end: ']]>', name: 'string.unquoted.cdata.xml' },
    {
      begin: '(</?)([-\\w.:]+)',
      beginCaptures: { 1: { name: 'punctuation.definition.tag.xml' }, 2: { name: 'entity.name.tag.localname.xml' } },
      end: '(/?>)',
      endCaptures: { 1: { name: 'punctuation.definition.tag.xml' } },
      name: 'meta.tag.xml',
      patterns: [
        { match: '(?:^|\\s+)([-\\w.:]+)\\s*=', captures: { 1: { name: 'entity.other.attribute-name.localname.xml' } } },
        { begin: "'", end: "'", name: 'string.quoted.single.xml' },
        { begin: '"', end: '"', name: 'string.quoted.double.xml' },
      ],
    },
    { match: '&[:\\w.-]+;', name: 'constant.character.entity.xml' },
  ],
  repository: {},
};
