/**
 * A change a model refuses whoever asks (a route, a script, a factory or the seed), worded for the form field it
 * concerns ("form" for the page as a whole). Routes turn it into that field's error; anything else is a fault.
 */
export class RuleError<Field extends string = string> extends Error {
  override name = "RuleError";
  constructor(
    readonly field: Field,
    message: string,
  ) {
    super(message);
  }
}
