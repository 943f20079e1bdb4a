package lstmexplorer.analysis;

/**
 * A place in the data where the selected unit set switches on: a maximal run of timesteps of one
 * sequence at which every selected unit is on.
 *
 * @param sequence   index of the sequence in the data searched
 * @param input      what the model read for that sequence
 * @param from       first timestep of the run
 * @param to         last timestep of the run, inclusive
 * @param text       the characters read during the run
 * @param before     up to five characters read just before the run
 * @param after      up to five characters read just after the run
 * @param unitsOn    how many units of the vector are on throughout the run (the selected ones and others)
 * @param jaccard    |selected ∩ on| / |selected ∪ on| over the units on throughout the run: 1 when exactly
 *                   the selected units are on, lower the more other units are on with them
 */
public record HypothesisMatch(int sequence, String input, int from, int to, String text, String before, String after,
                              int unitsOn, double jaccard) {}
