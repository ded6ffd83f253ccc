// @ts-check
// The resolved-status panel's script (loaded with the page's nonce; the page has no inline
// handlers). It only reports clicks by index and key; the extension decides what they open.
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host
  const vscode = acquireVsCodeApi();
  const documentUri = document.body.dataset.documentUri;
  const firstInterface = document.body.dataset.firstInterface;

  // The page is rendered anew on every update: keep the reader's place across renders of the same
  // page, and the document URI so VS Code can restore the panel after a reload. Another page (of a
  // large domain, or another domain) starts at its top: VS Code's webview host carries the old
  // page's scroll offset over to new content when it has loaded (setInitialScrollPosition in its
  // pre/index.html), so that is undone after the load.
  const previous = vscode.getState();
  if (previous && previous.documentUri === documentUri && previous.firstInterface === firstInterface) {
    if (typeof previous.scrollY === 'number') window.scrollTo(0, previous.scrollY);
  } else {
    window.addEventListener('load', () => setTimeout(() => window.scrollTo(0, 0), 0));
  }
  const saveState = () => vscode.setState({ documentUri, firstInterface, scrollY: window.scrollY });
  saveState();
  let scrollPending = false;
  window.addEventListener('scroll', () => {
    if (scrollPending) return;
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      saveState();
    });
  });

  /** @param {EventTarget | null} target */
  function actionOf(target) {
    return target instanceof Element ? target.closest('[data-action]') : null;
  }

  /** @param {Element} element */
  function post(element) {
    const number = (/** @type {string | null} */ text) => (text === null ? undefined : Number(text));
    vscode.postMessage({
      type: element.getAttribute('data-action'),
      interface: number(element.getAttribute('data-interface')),
      key: element.getAttribute('data-key') ?? undefined,
      problem: number(element.getAttribute('data-problem')),
      disk: number(element.getAttribute('data-disk')),
      first: number(element.getAttribute('data-first')),
    });
  }

  /**
   * The "Go to interface" field of a large domain's page guard: its number, from 1, as a position.
   * The guard is shown above and below the interfaces: the field is the one beside `element`.
   * @param {Element} element
   */
  function jump(element) {
    const field = element.closest('.page-guard')?.querySelector('.interface-jump');
    const wanted = field instanceof HTMLInputElement ? Math.floor(Number(field.value)) : NaN;
    if (Number.isFinite(wanted) && wanted >= 1) vscode.postMessage({ type: 'page', first: wanted - 1 });
  }

  document.addEventListener('click', (event) => {
    const element = actionOf(event.target);
    if (!element) return;
    event.preventDefault();
    if (element.getAttribute('data-action') === 'jump') jump(element);
    else post(element);
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.classList.contains('interface-jump')) jump(event.target);
  });

  // Roving focus inside an interface's status XML: one Tab stop (the renderer makes the first
  // link tabindex 0, the others -1); the arrow keys, Home and End move between its links, and the
  // link left last is where Tab comes back to.
  const rovingKeys = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !Object.prototype.hasOwnProperty.call(rovingKeys, event.key)) return;
    const block = target.closest('.status-xml');
    if (!block || !target.classList.contains('source-link')) return;
    const links = /** @type {HTMLElement[]} */ ([...block.querySelectorAll('.source-link')]);
    const step = rovingKeys[/** @type {keyof typeof rovingKeys} */ (event.key)];
    const at = links.indexOf(target);
    const next = links[Math.max(0, Math.min(links.length - 1, Number.isFinite(step) ? at + step : step < 0 ? 0 : links.length - 1))];
    if (!next || next === target) return;
    event.preventDefault();
    target.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });

  document.addEventListener('keydown', (event) => {
    const element = actionOf(event.target);
    if (!element || element.getAttribute('role') !== 'link') return;
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    post(element);
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'copied') return;
    const selector = typeof message.interface === 'number' ? `.copy-button[data-interface="${message.interface}"]` : '.copy-button:not([data-interface])';
    const button = document.querySelector(selector);
    if (!button) return;
    button.classList.add('copied');
    setTimeout(() => button.classList.remove('copied'), 1500);
  });
})();
