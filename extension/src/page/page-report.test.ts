import { describe, expect, it } from 'vitest';
import { loadSavedPage } from '../testing/load-saved-page.ts';
import { pageReport } from './page-report.ts';
import { recognisePage } from './recognise-page.ts';
import { createSelectors } from './selectors.ts';

const selectors = createSelectors();

/** Distinctive data put into a saved page: none of it may leave the page in a report. */
const seeded = {
  firstName: 'Zebulon',
  lastName: 'Quarrington-Vask',
  email: 'zq.confidential@seeded.example',
  reference: 'ZQ-77123',
  department: 'Xylophone Logistics',
  accountName: 'Z Quarrington',
  sortCode: '40-50-60',
  accountNumber: '87650321',
};

function seed(page: string): Document {
  const document = loadSavedPage(page);
  const [dialog] = selectors.editUserDialogs(document).found;
  if (dialog) {
    const values: [Parameters<typeof selectors.field>[1], string][] = [
      ['firstName', seeded.firstName],
      ['lastName', seeded.lastName],
      ['email', seeded.email],
      ['reference', seeded.reference],
      ['bankDetails.accountName', seeded.accountName],
      ['bankDetails.sortCode', seeded.sortCode],
      ['bankDetails.accountNumber', seeded.accountNumber],
    ];
    for (const [field, value] of values)
      selectors.field(dialog, field).found[0]?.setAttribute('value', value);
    const subtitle = dialog.querySelector('p');
    if (subtitle) subtitle.textContent = `${seeded.firstName} ${seeded.lastName} · ${seeded.email}`;
  }
  // The list and the selects carry them too: a row's cells, a department option, an id and a data attribute.
  const cell = document.querySelector('td, [role="gridcell"]');
  if (cell) {
    cell.textContent = `${seeded.firstName} ${seeded.lastName} ${seeded.email} ${seeded.reference}`;
    cell.setAttribute('data-user', seeded.email);
    cell.setAttribute('title', `${seeded.firstName} ${seeded.lastName}`);
    cell.id = `row-${seeded.reference}`;
  }
  for (const option of document.querySelectorAll('option')) option.textContent = seeded.department;
  return document;
}

describe('pageReport', () => {
  it.each(['users-list.html', 'edit-user.html', 'grid-users-list.html', 'material-edit-user.html'])(
    'reports %s with none of its data',
    (page) => {
      const document = seed(page);
      const report = pageReport(document, recognisePage(document, selectors));
      for (const value of Object.values(seeded)) {
        expect(report).not.toContain(value);
        for (const part of value.split(/[\s@.-]+/).filter((word) => word.length > 3)) {
          expect(report.toLowerCase()).not.toContain(part.toLowerCase());
        }
      }
    },
  );

  it('keeps what a selector fix needs: tags, roles, classes, label words, what was recognised', () => {
    const document = loadSavedPage('material-edit-user.html');
    const report = pageReport(document, recognisePage(document, selectors));
    expect(report).toContain('✓ Edit User window: dialog named Edit User (1)');
    expect(report).toContain('✓ First Name field: caption in the field box');
    expect(report).toMatch(/div\.mat-dialog \[role=dialog\] \[aria-modal=true\]/);
    expect(report).toContain('label.mat-label "First Name"');
    expect(report).toContain('input.mat-input [type=text] [name=firstName]');
  });

  it('keeps the shape of a date picker', () => {
    const document = loadSavedPage('material-edit-user-employment.html');
    const report = pageReport(document, recognisePage(document, selectors));
    expect(report).toContain('[placeholder="dd/mm/yyyy"]');
    expect(report).toContain('[aria-label="Open calendar"]');
  });

  it('counts the rows of a long list instead of listing them', () => {
    const document = loadSavedPage('users-list-leavers.html');
    const report = pageReport(document, recognisePage(document, selectors));
    expect(report).toContain('… 5 more like the above');
  });
});
