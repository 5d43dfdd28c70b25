// Typed errors the library throws; the CLI maps them to exit codes in one place (STYLE rule 2).

export { InvalidInputError } from './scenario/problems.js';

/** Something failed at run time that the input could not have prevented: exit 3. */
export class RuntimeFailure extends Error {
  readonly hint: string;
  constructor(message: string, hint = '') {
    super(message);
    this.name = 'RuntimeFailure';
    this.hint = hint;
  }
}
