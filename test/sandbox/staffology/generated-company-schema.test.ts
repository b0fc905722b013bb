import { describe, expect, it } from 'vitest';
import { generateCompany } from '../data/generate-company.ts';
import { loadStaffologySchemaValidator } from '../openapi/staffology-schema-validator.ts';
import { createStaffologySimulator } from './create-staffology-simulator.ts';

/** The generated demo company, served by the simulator, must be as valid as the hand-written fixture. */
describe('a generated company of 60 employees', () => {
  const schemas = loadStaffologySchemaValidator();
  const company = generateCompany({ seed: 3, employees: 60 });
  const backend = createStaffologySimulator(company.staffology, () => ({}));
  const authorization = `Basic ${Buffer.from(`staffsync:${company.keys.staffology}`).toString('base64')}`;
  const employeesPath = `/employers/${company.employerId}/employees`;

  async function violations(path: string): Promise<string[]> {
    const response = await backend.app.request(path, { headers: { authorization } });
    const body: unknown = await response.json();
    const found = schemas.validateStaffologyResponse(
      { method: 'GET', path: new URL(path, 'http://localhost').pathname, status: response.status },
      body,
    );
    return found.map((violation) => `${path}: ${violation}`);
  }

  it('validates every route, every page, every batch and every employee against the official schemas', async () => {
    const found: string[] = [];
    for (const path of ['/account', '/employers', `/employers/${company.employerId}`, employeesPath]) {
      found.push(...(await violations(path)));
    }

    const items: { id: string; metadata: { payrollCode: string } }[] = [];
    for (let pageNum = 0; ; pageNum += 1) {
      const path = `${employeesPath}?pageNum=${pageNum}&pageSize=25`;
      found.push(...(await violations(path)));
      const page = (await (
        await backend.app.request(path, { headers: { authorization } })
      ).json()) as typeof items;
      items.push(...page);
      if (page.length < 25) break;
    }
    expect(items).toHaveLength(60);

    for (let start = 0; start < items.length; start += 25) {
      const path = `${employeesPath}/list`;
      const ids = items.slice(start, start + 25).map((item) => item.id);
      const response = await backend.app.request(path, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(ids),
      });
      const body = (await response.json()) as { id: string }[];
      expect(body.map((employee) => employee.id)).toEqual(ids);
      const wrong = schemas.validateStaffologyResponse(
        { method: 'POST', path, status: response.status },
        body,
      );
      found.push(...wrong.map((violation) => `POST ${path}: ${violation}`));
    }

    for (const item of items) {
      found.push(...(await violations(`${employeesPath}/${item.id}`)));
      const code = encodeURIComponent(item.metadata.payrollCode);
      found.push(...(await violations(`${employeesPath}/search/payrollcode?code=${code}`)));
    }
    expect(found).toEqual([]);
  });
});
