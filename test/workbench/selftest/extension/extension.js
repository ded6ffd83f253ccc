// Throwaway extension for the runner's self-test: one plain command, and one that opens a
// webview whose script answers a ping, so a test can prove the webview really rendered.
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('workbenchSelftest.hello', (name = 'world') => `hello ${name}`),

    // Resolves with the webview's reply once its script has run in the browser.
    vscode.commands.registerCommand('workbenchSelftest.openWebview', () => {
      const panel = vscode.window.createWebviewPanel('workbenchSelftest', 'Selftest Webview',
        vscode.ViewColumn.One, { enableScripts: true });
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
