/** A refused write's translated reason, announced once when it appears. */
export function FieldError({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="field-error">
      {error}
    </p>
  ) : null;
}
