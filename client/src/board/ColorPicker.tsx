import { CARD_COLORS, type CardColor } from '@plenum/shared/board-doc';
import { useT } from '../state/ui-store.ts';

/** Card colours as a radio group of swatches. */
export function ColorPicker({ name, value, onChange, legend }: { name: string; value: CardColor; onChange(color: CardColor): void; legend: string }) {
  const t = useT();
  return (
    <fieldset className="color-picker">
      <legend>{legend}</legend>
      {CARD_COLORS.map((color) => (
        <label key={color} className="swatch" title={t(`color.${color}`)}>
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            value={color}
            checked={value === color}
            onChange={() => onChange(color)}
          />
          <span className={`swatch-dot card-${color}`} aria-hidden="true" />
          <span className="visually-hidden">{t(`color.${color}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
