import type { Sandbox } from './start-sandbox.ts';

/** The first company's two accounts as a connect request names them (PRODUCT.md 4.3): base URLs, keys, employer. */
export function sandboxEndpoints(sandbox: Sandbox) {
  return {
    staffology: {
      baseUrl: sandbox.staffology.baseUrl,
      apiKey: sandbox.staffology.apiKey,
      employerId: sandbox.staffology.employerId,
    },
    expensein: { baseUrl: sandbox.expensein.baseUrl, apiKey: sandbox.expensein.apiKey },
  };
}
