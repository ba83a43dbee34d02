import { describe, expect, it } from 'vitest';
import { ImportRejectedError } from './import-rejected-error.js';
import type { ValidationIssue } from './validation-issue.js';

const issue = (line: number, rule: ValidationIssue['rule']): ValidationIssue => ({
  line,
  rule,
  field: 'date',
  value: 'x',
  message: `line ${line}: ${rule}`,
  action: rule === 'gap' ? 'reported' : 'rejected',
});

describe('ImportRejectedError', () => {
  it('counts errors and warnings apart and quotes only errors', () => {
    const error = new ImportRejectedError([issue(2, 'gap'), issue(3, 'missing_value'), issue(4, 'gap')]);
    expect(error.message).toBe('import rejected (1 error, 2 warnings): line 3: missing_value');
    expect(error.issues).toHaveLength(3);
    expect(error.name).toBe('ImportRejectedError');
  });

  it('uses a headline instead of the count when given one', () => {
    expect(new ImportRejectedError([], 'delimiter "xx" is wrong').message).toBe('delimiter "xx" is wrong');
  });

  it('says one warning in the singular', () => {
    expect(new ImportRejectedError([issue(2, 'unparseable_date'), issue(3, 'gap')]).message).toBe(
      'import rejected (1 error, 1 warning): line 2: unparseable_date',
    );
  });
});
