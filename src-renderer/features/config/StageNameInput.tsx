import { useRef, useState, type KeyboardEvent } from 'react';
import { patchStageBodySchema } from '../../../src-shared/contract/config.schema';
import { fieldErrors } from '../wizards/field-errors';

interface StageNameInputProps {
  name: string;
  disabled: boolean;
  /** Saves the new name; false when the hub refused it (the row shows why). */
  onRename: (name: string) => Promise<boolean>;
  onInvalid: (message: string | null) => void;
}

/** Rename in place: Enter or leaving the field saves, Esc puts the stored name back. */
export function StageNameInput({ name, disabled, onRename, onInvalid }: StageNameInputProps) {
  const [value, setValue] = useState(name);
  const [invalid, setInvalid] = useState(false);
  // Enter saves and the blur that may follow must not save the same name twice.
  const saving = useRef(false);
  // The stored name takes over when it changes (saved here or synced from the hub). Adjusted while rendering,
  // not in an effect: a mount effect setting the same name could run after the first keystroke and undo it.
  const [storedName, setStoredName] = useState(name);
  if (storedName !== name) {
    setStoredName(name);
    setValue(name);
  }

  async function commit() {
    if (saving.current) return;
    if (value.trim() === name) {
      setValue(name);
      setInvalid(false);
      onInvalid(null);
      return;
    }
    const parsed = patchStageBodySchema.safeParse({ name: value });
    if (!parsed.success) {
      setInvalid(true);
      onInvalid(`Name: ${fieldErrors(parsed.error)['name'] ?? 'Invalid'}`);
      return;
    }
    setInvalid(false);
    onInvalid(null);
    saving.current = true;
    try {
      if (!(await onRename(parsed.data.name ?? name))) setInvalid(true);
    } finally {
      saving.current = false;
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void commit();
    } else if (event.key === 'Escape') {
      setValue(name);
      setInvalid(false);
      onInvalid(null);
    }
  };

  return (
    <input
      className="stage-name"
      aria-label={`Name of stage ${name}`}
      aria-invalid={invalid || undefined}
      value={value}
      disabled={disabled}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => void commit()}
      onKeyDown={onKeyDown}
      autoComplete="off"
    />
  );
}
