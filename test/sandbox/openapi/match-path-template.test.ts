import { describe, expect, it } from 'vitest';
import { matchPathTemplate } from './match-path-template.ts';

const templates = [
  '/employers',
  '/employers/search',
  '/employers/{id}',
  '/employers/{employerId}/employees',
  '/employers/{employerId}/employees/search',
  '/employers/{employerId}/employees/search/payrollcode',
  '/employers/{employerId}/employees/{id}',
];

describe('matchPathTemplate', () => {
  it.each([
    ['/employers', '/employers'],
    ['/employers/', '/employers'],
    ['/employers/search', '/employers/search'],
    ['/employers/6f1c2d3e', '/employers/{id}'],
    ['/employers/e1/employees', '/employers/{employerId}/employees'],
    ['/employers/e1/employees/search', '/employers/{employerId}/employees/search'],
    ['/employers/e1/employees/Search/PayrollCode', '/employers/{employerId}/employees/search/payrollcode'],
    [
      '/employers/e1/employees/search/payrollcode?code=A1',
      '/employers/{employerId}/employees/search/payrollcode',
    ],
    ['/employers/e1/employees/x1', '/employers/{employerId}/employees/{id}'],
    ['/employers/{employerId}/employees/{id}', '/employers/{employerId}/employees/{id}'],
    ['/employees', null],
    ['/employers/e1/employees/x1/extra', null],
  ])('%s -> %s', (path, expected) => {
    expect(matchPathTemplate(templates, path)).toBe(expected);
  });
});
