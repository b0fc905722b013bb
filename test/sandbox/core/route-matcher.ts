/**
 * Turns a simulator's route keys ("GET /employers/:employerId/employees") into a matcher, so faults and request
 * counts are kept per route whatever the ids in the URL.
 */
export function createRouteMatcher(routeKeys: readonly string[]): (method: string, path: string) => string {
  const compiled = routeKeys.map((key) => {
    const [method, pattern = ''] = key.split(' ');
    // Literal segments win over parameters ("search/payrollcode" before ":id"), as in the vendor's router.
    const literalCount = pattern.split('/').filter((s) => s && !s.startsWith(':')).length;
    const source = pattern
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { key, method, regex: new RegExp(`^${source}/?$`, 'i'), literalCount };
  });
  compiled.sort((a, b) => b.literalCount - a.literalCount);
  return (method, path) => {
    for (const route of compiled) {
      if (route.method === method && route.regex.test(path)) return route.key;
    }
    return `${method} (unmatched)`;
  };
}
