import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../state/ui-store.ts';

// A modal confirmation on the native <dialog>: it traps focus, closes on
// Escape and returns focus to the button that opened it.

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
}

interface Pending extends ConfirmOptions {
  resolve(ok: boolean): void;
}

/** `const [confirm, dialog] = useConfirm()`; render `dialog`, then `if (await confirm({...}))`. */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const [pending, setPending] = useState<Pending | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...options, resolve })),
    [],
  );
  const finish = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  const dialog = pending ? <ConfirmDialog options={pending} onClose={finish} /> : null;
  return [confirm, dialog];
}

function ConfirmDialog({ options, onClose }: { options: ConfirmOptions; onClose(ok: boolean): void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={`${id}-title`}>{options.title}</h2>
      <p id={`${id}-message`}>{options.message}</p>
      <div className="button-row">
        {/* Cancel is focused first: the safe choice for a destructive action. */}
        <button type="button" className="secondary" autoFocus onClick={() => onClose(false)}>
          {t('moderator.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => onClose(true)}>
          {options.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
