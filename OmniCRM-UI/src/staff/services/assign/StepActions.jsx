// Back and Next of a wizard step; Back is left out on the first step.
export default function StepActions({ onBack, onNext, nextLabel = 'Next', nextDisabled = false }) {
  return (
    <div className="form__actions">
      {onBack && (
        <button type="button" className="button button--outline" onClick={onBack}>
          Back
        </button>
      )}
      <button type="button" className="button button--primary" disabled={nextDisabled} onClick={onNext}>
        {nextLabel}
      </button>
    </div>
  );
}
