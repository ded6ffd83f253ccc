/** The exit status of a process killed by SIGPIPE (128 + 13), as the shell reports it for `cat` or `grep`. */
export const brokenPipeStatus = 141;

/**
 * When the reader of our output goes away (`libvirt-xml check | head -1`), stop without a word:
 * there is no one left to tell. Node ignores SIGPIPE and reports EPIPE as an 'error' event, which
 * unhandled would print a stack trace. Other errors are thrown as before.
 */
export function exitQuietlyWhenReaderGoesAway(stream: NodeJS.EventEmitter, exit: (status: number) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(brokenPipeStatus);
    else throw error;
  });
}
