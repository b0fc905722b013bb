/** A person as an unknown Users page lists them. */
export interface DirectoryPerson {
  name: string;
  email: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * An ExpenseIn Users page of its own that the selector registry does not recognise: the users are a list of cards
 * (no table, no grid, no column headers), each with its name and email. For the test that corrects the registry
 * from the options (PRODUCT.md 5), and saved for the panels' meta-test. The values are escaped: the page is test
 * markup, never built from unescaped data.
 */
export function unrecognisedUsersPage(people: readonly DirectoryPerson[]): string {
  const cards = people
    .map(
      (person) => `
      <li class="person-card">
        <span class="person-name">${escapeHtml(person.name)}</span>
        <span class="person-contact">${escapeHtml(person.email)}</span>
      </li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en-GB">
  <head><meta charset="utf-8"><title>Users | ExpenseIn</title></head>
  <body>
    <main>
      <h1>Users</h1>
      <ul class="people-directory">${cards}
      </ul>
    </main>
  </body>
</html>
`;
}
