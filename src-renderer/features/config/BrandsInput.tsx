import { useState, type KeyboardEvent } from 'react';
import { addBrand } from './dealership-form';

interface BrandsInputProps {
  id?: string;
  brands: string[];
  onChange: (brands: string[]) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/** Brands as tags: Enter or a comma adds the typed brand, × or Backspace on an empty field removes one. */
export function BrandsInput({ id, brands, onChange, ...aria }: BrandsInputProps) {
  const [typed, setTyped] = useState('');
  const add = () => {
    onChange(addBrand(brands, typed));
    setTyped('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && typed === '' && brands.length > 0) {
      onChange(brands.slice(0, -1));
    }
  };
  return (
    <div className="tags">
      {brands.map((brand) => (
        <span key={brand} className="tag">
          {brand}
          <button type="button" aria-label={`Remove brand ${brand}`} onClick={() => onChange(brands.filter((other) => other !== brand))}>
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        {...aria}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => typed.trim() && add()}
        placeholder={brands.length ? 'Add a brand…' : 'Type a brand, Enter to add'}
        autoComplete="off"
      />
    </div>
  );
}
