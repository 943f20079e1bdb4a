/**
 * The tour engine's core, apart from the DOM: fetches what a step needs and composes what it shows.
 *
 * A tour (one module per task in /static/js/tours/) is data:
 *   { task, title, intro, data: [entries], steps: [{ id, title, data: [entries], view: {kind, …}, say: [sentences], link }] }
 * An entry is { name, api, args } (an API call; see API below) or { name, value } (an expression over what came
 * before). Arguments, views and links hold '=expressions' (template.js); the scope starts with `model` (the model
 * shown) and `task` (its task as /api/tasks describes it), then gains the tour's entries and the step's, in order.
 */
import { evaluate, resolve, say } from './template.js';

/**
 * Runs data entries in order into scope. call(api, args) answers an API call; the same call is made once per
 * page (remembered by api and arguments), so steps that share the probes share one request.
 */
export async function load(entries = [], scope, call) {
  for (const entry of entries) {
    if (entry.api) scope[entry.name] = await call(entry.api, resolve(entry.args || {}, scope));
    else scope[entry.name] = evaluate(entry.value, scope);
  }
  return scope;
}

/** A call function that asks `api` once per distinct call. */
export function remembering(api) {
  const answers = new Map();
  return (name, args) => {
    const key = `${name}|${JSON.stringify(args)}`;
    if (!answers.has(key)) {
      const answer = Promise.resolve().then(() => {
        if (!api[name]) throw new Error(`a tour asked for an unknown call '${name}'`);
        return api[name](args);
      });
      // a failed call is asked again next time
      answer.catch(() => answers.delete(key));
      answers.set(key, answer);
    }
    return answers.get(key);
  };
}

/** What one step shows, from its scope: the title, the sentences (each with its branch), the view and the link. */
export function compose(step, scope) {
  return {
    title: resolve(step.title, scope),
    sentences: (step.say || []).map((s) => say(s, scope)).filter(Boolean),
    view: step.view ? resolve(step.view, scope) : null,
    link: step.link ? resolve(step.link, scope) : null,
  };
}

/** The step number to show for a requested one (1-based; out of range goes to the nearest end). */
export function clampStep(requested, steps) {
  const n = Number.parseInt(requested, 10);
  if (!Number.isFinite(n)) return 1;
  return Math.max(1, Math.min(steps, n));
}
