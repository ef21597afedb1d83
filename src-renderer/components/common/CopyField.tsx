import { useRef, useState } from 'react';

/**
 * A read-only value with a Copy button. The clipboard API exists only on secure pages (https or
 * this machine); elsewhere the text is selected for the person to copy.
 */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    input.current?.select();
    if (!navigator.clipboard) return;
    await navigator.clipboard.writeText(value).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div className="copy-field">
      <input ref={input} type="text" readOnly value={value} aria-label={label} onFocus={(e) => e.target.select()} data-testid={testId} />
      <button type="button" className="button button-small" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
