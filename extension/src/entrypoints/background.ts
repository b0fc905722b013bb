// The background worker owns every call to the staffsync server (PRODUCT.md 5); built out by the extension issue.
export default defineBackground(() => {});
