// Throwaway extension for the runner's self-test: a plain command, a command that opens a webview
// whose script answers a ping (so a test can prove the webview really rendered), and a completion
// and hover provider for XML (so the UI journey has something to see in those widgets).
const vscode = require('vscode');

function activate(context) {
  console.log('SELFTEST-EXTENSION activated');
  context.subscriptions.push(
    // For the UI journey: something to see in the suggest and hover widgets of an XML file.
    vscode.languages.registerCompletionItemProvider('xml', {
      provideCompletionItems: () => [new vscode.CompletionItem('selftestCompletion', vscode.CompletionItemKind.Keyword)],
    }),
    vscode.languages.registerHoverProvider('xml', {
      provideHover: () => new vscode.Hover('**selftest hover**'),
    }),

    vscode.commands.registerCommand('workbenchSelftest.hello', (name = 'world') => `hello ${name}`),

    // Resolves with the webview's reply once its script has run in the browser.
    vscode.commands.registerCommand('workbenchSelftest.openWebview', () => {
      const panel = vscode.window.createWebviewPanel('workbenchSelftest', 'Selftest Webview', vscode.ViewColumn.One, { enableScripts: true });
      panel.webview.html = `<!DOCTYPE html><html><body>
        <h1 id="title">selftest webview</h1>
        <script>
          const vscode = acquireVsCodeApi();
          window.addEventListener('message', e => {
            if (e.data === 'ping') vscode.postMessage({ pong: document.getElementById('title').textContent });
          });
          vscode.postMessage({ ready: true });
        </script></body></html>`;
      return new Promise((resolve) => {
        panel.webview.onDidReceiveMessage((msg) => {
          if (msg.ready) panel.webview.postMessage('ping');
          if (msg.pong) resolve({ reply: msg.pong, viewType: panel.viewType });
        });
      });
    }),
  );
}

module.exports = { activate, deactivate() {} };
