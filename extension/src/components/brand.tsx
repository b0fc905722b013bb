export function Brand() {
  return (
    <span className="ss-brand">
      <span className="ss-brand-mark" aria-hidden="true">
        s
      </span>
      staffsync
    </span>
  );
}
