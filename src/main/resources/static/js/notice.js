/** A message area for errors and status lines. Text only: messages may quote server or user text. */
export class Notice {
  constructor(container) {
    this.root = container;
  }

  error(err, context = '') {
    // people read the plain sentence; the API's precise wording goes to the console for whoever debugs
    if (err && err.readable && err.plain !== err.readable) console.info(err.readable);
    const text = err && err.plain ? err.plain : (err && err.message) || String(err);
    this._show('error', context ? `${context}: ${text}` : text);
  }

  info(text) { this._show('info', text); }

  /** The promise's value, or undefined once its error is shown after context: for a load a page cannot go on without. */
  async attempt(promise, context) {
    try {
      return await promise;
    } catch (err) {
      this.error(err, context);
      return undefined;
    }
  }

  clear() { this.root.replaceChildren(); }

  _show(kind, text) {
    const box = document.createElement('div');
    box.className = `notice notice-${kind}`;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const message = document.createElement('span');
    message.className = 'notice-text';
    message.textContent = text;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'notice-close';
    close.setAttribute('aria-label', 'Dismiss');
    close.textContent = '×';
    close.addEventListener('click', () => box.remove());
    box.append(message, close);
    this.root.replaceChildren(box);
  }
}
