import { InvalidInputError } from '../../core/errors.js';
import { isWarning, type ValidationIssue } from './validation-issue.js';

const SHOWN_IN_MESSAGE = 3;

/**
 * A bar file that was not imported. Carries every issue found (not only the first), sorted by line; the
 * message counts them and quotes the first few, so one printed line tells the user where to look.
 */
export class ImportRejectedError extends InvalidInputError {
  readonly issues: ValidationIssue[];

  /** `headline` replaces the count summary, for failures about the file as a whole (bad options). */
  constructor(issues: ValidationIssue[], headline?: string) {
    super(headline ?? summarize(issues));
    this.name = 'ImportRejectedError';
    this.issues = issues;
  }
}

function summarize(issues: readonly ValidationIssue[]): string {
  const errors = issues.filter((issue) => !isWarning(issue.rule));
  const warnings = issues.length - errors.length;
  const counts = `${errors.length} error${errors.length === 1 ? '' : 's'}${
    warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''
  }`;
  const shown = errors.slice(0, SHOWN_IN_MESSAGE).map((issue) => issue.message);
  const more = errors.length > SHOWN_IN_MESSAGE ? `; and ${errors.length - SHOWN_IN_MESSAGE} more` : '';
  return `import rejected (${counts}): ${shown.join('; ')}${more}`;
}
