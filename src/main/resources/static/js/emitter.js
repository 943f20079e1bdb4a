/** Minimal event emitter the widgets extend: widget.on('select', fn). */
export class Emitter {
  constructor() { this._handlers = new Map(); }

  on(type, handler) {
    if (!this._handlers.has(type)) this._handlers.set(type, new Set());
    this._handlers.get(type).add(handler);
    return this;
  }

  off(type, handler) {
    this._handlers.get(type)?.delete(handler);
    return this;
  }

  emit(type, detail) {
    for (const handler of this._handlers.get(type) ?? []) handler(detail);
  }
}
