/**
 * Finds the OpenAPI path template (`/employers/{employerId}/employees/{id}`) that a concrete request path names.
 * Where several match, the one with a literal segment earliest wins, as in ASP.NET routing, so
 * `/employers/x/employees/search` is SearchEmployee, not GetEmployee with id "search". Literal segments compare
 * case-insensitively (ASP.NET routes do). A template passed as itself matches itself.
 */
export function matchPathTemplate(templates: Iterable<string>, path: string): string | null {
  const wanted = segmentsOf(path);
  let best: { template: string; literalMask: boolean[] } | null = null;
  for (const template of templates) {
    const parts = segmentsOf(template);
    if (parts.length !== wanted.length) continue;
    const literalMask = parts.map(isLiteral);
    const matches = parts.every(
      (part, index) => !isLiteral(part) || part.toLowerCase() === wanted[index]?.toLowerCase(),
    );
    if (!matches) continue;
    if (path === template) return template;
    if (best === null || moreLiteral(literalMask, best.literalMask)) best = { template, literalMask };
  }
  return best?.template ?? null;
}

function segmentsOf(path: string): string[] {
  return path.split('?')[0]?.split('/').filter(Boolean) ?? [];
}

function isLiteral(segment: string): boolean {
  return !(segment.startsWith('{') && segment.endsWith('}'));
}

function moreLiteral(candidate: boolean[], current: boolean[]): boolean {
  for (let index = 0; index < candidate.length; index += 1) {
    if (candidate[index] !== current[index]) return candidate[index] === true;
  }
  return false;
}
