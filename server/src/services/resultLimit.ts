/**
 * At most this many outline entries, folding ranges or document links in one answer for one
 * document. VS Code keeps only 5000 folding regions anyway (editor.foldingMaximumRegions), and its
 * JSON language service computes at most 5000 symbols and folding ranges (json.maxItemsComputed).
 * Unbounded, a 5 MB domain of 30,000 interfaces answered 7.8 MB of symbols, 12.9 MB of links and
 * 1.1 MB of folding ranges after every keystroke: VS Code's extension host spent seconds on them
 * and hover and completion in every other file waited (issue 14; the huge-document UI journey).
 */
export const maxItemsPerDocument = 5000;
