/** The tasks with a guided tour: each has its tour in this directory, in a module named after it (/tour/{task}). */
export const TOURS = ['counter', 'selective_counter', 'state_memorizer', 'copy_machine'];

/** Where a model's tour is: /tour/{task}, with ?model= unless it is the gallery's model of the task; null without a tour. */
export function tourHref(model) {
  if (!model || !TOURS.includes(model.task) || model.datasetKind) return null;
  const own = model.gallery && model.id === model.task;
  return `/tour/${model.task}${own ? '' : `?model=${encodeURIComponent(model.id)}`}`;
}
